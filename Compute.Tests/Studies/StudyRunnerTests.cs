using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Tests.Data;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Tests.Studies;

/// <summary>A study end to end on the CPU: deterministic, branches off IMP's round 0, random reinitialisation, resume.</summary>
public sealed class StudyRunnerTests
{
    /// <summary>Two replicates of every condition on the small spec, two pruning rounds.</summary>
    internal static StudySpec Small(int replicates = 2) => new()
    {
        Name = "small study",
        Seed = 11,
        Replicates = replicates,
        Base = TestRunner.Small() with { Pruning = TestRunner.Small().Pruning with { Rounds = 2 } },
    };

    internal static async Task<List<StudyRound>> CollectAsync(StudySpec study, IStudyCheckpoints? stored = null,
        CancellationToken cancellationToken = default)
    {
        var rounds = new List<StudyRound>();
        await foreach (var round in TestRunner.CreateStudyRunner().RunAsync(study, null, cancellationToken, stored))
        {
            rounds.Add(round);
        }
        return rounds;
    }

    [Fact]
    public async Task Every_condition_and_replicate_gets_every_round_once()
    {
        var study = Small();
        var rounds = await CollectAsync(study);

        foreach (var condition in study.Conditions)
        {
            for (int r = 0; r < study.Replicates; r++)
            {
                var got = rounds.Where(x => x.Replicate == r && x.Conditions.Contains(condition)).Select(x => x.Result.Round).ToList();
                Assert.Equal(Enumerable.Range(0, study.RoundCount(condition)), got);
            }
        }
        // One-shot's pruned round is at IMP's final sparsity; random pruning matches IMP's sparsity round by round.
        var imp = rounds.Where(x => x.Conditions[^1] == StudyCondition.Imp && x.Replicate == 0).ToDictionary(x => x.Result.Round, x => x.Result);
        var oneShot = rounds.Single(x => x.Conditions.SequenceEqual([StudyCondition.OneShot]) && x.Replicate == 0).Result;
        Assert.Equal(imp[2].Sparsity, oneShot.Sparsity, 2);
        foreach (var random in rounds.Where(x => x.Conditions.SequenceEqual([StudyCondition.RandomPruning]) && x.Replicate == 0))
        {
            Assert.Equal(imp[random.Result.Round].Sparsity, random.Result.Sparsity, 12);
        }
    }

    [Fact]
    public async Task On_the_cpu_each_replicate_is_bit_for_bit_the_single_run_of_its_spec()
    {
        // Replicates train side by side as runs of their own (RoundStreams), so whoever a replicate ran beside, and
        // however many replicates the study has, it gives what `run` gives for its spec.
        var study = Small(replicates: 3) with { Conditions = [StudyCondition.Imp] };
        var rounds = await CollectAsync(study);

        for (int r = 0; r < study.Replicates; r++)
        {
            var alone = await TestRunner.CollectAsync(TestRunner.Create(), study.ReplicateSpec(StudyCondition.Imp, r));
            var inStudy = rounds.Where(x => x.Replicate == r).Select(x => x.Result).ToList();
            Assert.Equal(alone.Count, inStudy.Count);
            for (int i = 0; i < alone.Count; i++)
            {
                AssertSameRound(alone[i], inStudy[i]);
            }
        }
    }

    [Fact]
    public async Task A_study_run_twice_gives_identical_results()
    {
        var first = await CollectAsync(Small());
        var second = await CollectAsync(Small());

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Conditions, second[i].Conditions);
            Assert.Equal(first[i].Replicate, second[i].Replicate);
            AssertSameRound(first[i].Result, second[i].Result);
        }
    }

    [Fact]
    public async Task Replicates_differ_and_share_their_seed_across_conditions()
    {
        var study = Small();
        var rounds = await CollectAsync(study);
        RoundResult Round0(StudyCondition trunk, int r) => rounds.Single(x => x.Conditions[^1] == trunk && x.Replicate == r && x.Result.Round == 0).Result;

        Assert.NotEqual(Round0(StudyCondition.Imp, 0).Arrays!.Weights, Round0(StudyCondition.Imp, 1).Arrays!.Weights);
        // The clone trunk starts from the same initialisation as IMP (same replicate seed): its rewind point's first
        // step is the same draw. Its data differ, so its trained weights do.
        Assert.Equal(study.ReplicateSpec(StudyCondition.Imp, 1).Seed, study.ReplicateSpec(StudyCondition.GaussianClone, 1).Seed);
        Assert.NotEqual(Round0(StudyCondition.Imp, 1).Arrays!.Weights, Round0(StudyCondition.GaussianClone, 1).Arrays!.Weights);
    }

    [Fact]
    public async Task A_branch_round_0_is_its_trunk_round_0_bit_for_bit_and_it_continues_from_the_trunk()
    {
        var rounds = await CollectAsync(Small());

        for (int r = 0; r < 2; r++)
        {
            var trunk = rounds.Single(x => x.Replicate == r && x.Result.Round == 0 && x.Conditions[^1] == StudyCondition.Imp);
            Assert.Equal([StudyCondition.OneShot, StudyCondition.RandomPruning, StudyCondition.RandomReinit, StudyCondition.Imp], trunk.Conditions);
            // Every branch's first pruned round rewinds to the trunk's rewind point: the same trained round 0 (no second dense training).
            foreach (var branch in new[] { StudyCondition.OneShot, StudyCondition.RandomPruning })
            {
                var round1 = rounds.Single(x => x.Replicate == r && x.Result.Round == 1 && x.Conditions.SequenceEqual([branch])).Result;
                AssertSameArrays(trunk.Result.Checkpoint!.RewindWeights, round1.Checkpoint!.RewindWeights);
                Assert.Equal(trunk.Result.Checkpoint!.TotalSteps + round1.Steps, round1.Checkpoint!.TotalSteps);
            }
        }
    }

    [Fact]
    public async Task A_branch_given_its_trunk_data_trains_on_those_tensors_and_gives_what_drawing_them_again_gives()
    {
        var study = Small(replicates: 1) with { Conditions = [StudyCondition.Imp, StudyCondition.RandomPruning] };
        var rounds = await CollectAsync(study);
        var trunkRound0 = rounds.Single(x => x.Conditions[^1] == StudyCondition.Imp && x.Result.Round == 0).Result.Checkpoint!;
        var inStudy = rounds.Single(x => x.Conditions.SequenceEqual([StudyCondition.RandomPruning]) && x.Result.Round == 1).Result;
        var spec = study.ReplicateSpec(StudyCondition.RandomPruning, 0);
        var trunk = ExperimentSession.Start(study.ReplicateSpec(StudyCondition.Imp, 0), TorchSharp.torch.CPU, TimeProvider.System, null, default);
        var data = trunk.Data;

        RoundResult onTrunkData, drawnAgain;
        using (var branch = ExperimentSession.Branch(spec, TorchSharp.torch.CPU, TimeProvider.System, trunkRound0, default, data.Share()))
        {
            Assert.Same(data, branch.Data);
            onTrunkData = branch.RunNextRound(null, default);
        }
        // The branch let go of its share only: the trunk still holds its data.
        Assert.False(data.Test.Inputs.IsInvalid);
        Assert.False(data.Train!.Inputs.IsInvalid);
        using (var branch = ExperimentSession.Branch(spec, TorchSharp.torch.CPU, TimeProvider.System, trunkRound0, default))
        {
            Assert.NotSame(data, branch.Data);
            drawnAgain = branch.RunNextRound(null, default);
        }
        AssertSameRound(drawnAgain, onTrunkData);
        AssertSameRound(inStudy, onTrunkData);

        // The last holder frees it, and freed data cannot be shared again.
        trunk.Dispose();
        Assert.True(data.Test.Inputs.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => data.Share());
    }

    [Fact]
    public async Task Random_reinitialisation_keeps_IMP_mask_and_redraws_survivors_from_the_init_distribution()
    {
        // A larger first layer (D = 400, K = 20) so the redrawn weights' variance can be checked against 1 / D.
        var study = Small(replicates: 1) with
        {
            Conditions = [StudyCondition.Imp, StudyCondition.RandomReinit],
            Base = Small().Base with
            {
                Data = Small().Base.Data with { Size = 20 },
                Model = new ModelSpec { HiddenUnits = 20 },
                Training = Small().Base.Training with { Epochs = 1 },
            },
        };
        var rounds = await CollectAsync(study);
        var imp = rounds.Where(x => x.Conditions[^1] == StudyCondition.Imp).ToDictionary(x => x.Result.Round, x => x.Result);
        var reinit = rounds.Where(x => x.Conditions.SequenceEqual([StudyCondition.RandomReinit])).ToDictionary(x => x.Result.Round, x => x.Result);
        Assert.Equal([1, 2], reinit.Keys.Order());

        foreach (var (round, result) in reinit)
        {
            // The mask of IMP's round, and the mask IMP chose next.
            Assert.Equal(imp[round].Arrays!.Mask, result.Arrays!.Mask);
            Assert.Equal(imp[round].Arrays!.PrunedNext, result.Arrays!.PrunedNext);
        }

        // The weights a reinit round starts from: IMP's mask, survivors drawn afresh from N(0, 1 / D).
        using var session = ExperimentSession.FollowMasks(study.ReplicateSpec(StudyCondition.RandomReinit, 0), TorchSharp.torch.CPU,
            TimeProvider.System, [.. imp.Values.OrderBy(v => v.Round).Select(v => Masks(v.Checkpoint!))], imp[0].Checkpoint!, default);
        session.BeginRound();
        var weights = session.Network.Network.FirstLayer.weight!.data<float>().ToArray();
        var mask = imp[1].Arrays!.Mask;
        var rewind = imp[0].Checkpoint!.RewindWeights.Single(a => a.Name.EndsWith("layers.0.weight", StringComparison.Ordinal)).Values;
        var survivors = Enumerable.Range(0, mask.Length).Where(i => mask[i] == 1).ToArray();
        Assert.All(Enumerable.Range(0, mask.Length).Where(i => mask[i] == 0), i => Assert.Equal(0f, weights[i]));
        Assert.All(survivors, i => Assert.NotEqual(rewind[i], weights[i]));
        double mean = survivors.Average(i => (double)weights[i]);
        double variance = survivors.Average(i => (double)weights[i] * weights[i]);
        int n = survivors.Length; // 0.7 * 8000 = 5600 survivors
        double expected = 1.0 / 400;
        // Sample mean of N(0, s^2): SD s / sqrt(n); sample second moment: SD s^2 sqrt(2 / n). Five SDs each.
        Assert.True(Math.Abs(mean) < 5 * Math.Sqrt(expected / n), $"mean {mean}");
        Assert.True(Math.Abs(variance - expected) < 5 * expected * Math.Sqrt(2.0 / n), $"variance {variance}, expected {expected}");
    }

    [Fact]
    public async Task A_study_computed_condition_by_condition_as_remote_workers_share_it_gives_the_whole_study()
    {
        var study = Small();
        using var whole = new TemporaryFolder();
        using var shared = new TemporaryFolder();
        var complete = new StudyOutput(whole.Path, study, resume: false);
        foreach (var round in await CollectAsync(study))
        {
            complete.Write(round);
        }

        // The trunks each alone (as two workers take them at once), then each branch alone, reading IMP's checkpoints
        // from what the trunks stored; every share continues from the store as a fresh worker would.
        var store = new StudyOutput(shared.Path, study, resume: false);
        var runner = TestRunner.CreateStudyRunner();
        var trunks = study.Conditions.Where(c => !c.Describe().BranchesOffImp).ToList();
        var branches = study.Conditions.Except(trunks).ToList();
        Assert.Contains(StudyCondition.Imp, trunks);
        Assert.NotEmpty(branches);
        foreach (var condition in trunks.Concat(branches))
        {
            store = new StudyOutput(shared.Path, study, resume: true);
            await foreach (var round in runner.RunAsync(study, null, CancellationToken.None, store, only: [condition]))
            {
                Assert.Contains(condition, round.Conditions);
                if (round.Result.Round > (store.LastRound(condition, round.Replicate) ?? -1))
                {
                    store.Write(round);
                }
            }
        }

        foreach (var condition in study.Conditions)
        {
            for (int r = 0; r < study.Replicates; r++)
            {
                var expected = complete.Replicate(condition, r);
                var actual = store.Replicate(condition, r);
                Assert.Equal(expected.ReadRounds().Select(x => x.Round), actual.ReadRounds().Select(x => x.Round));
                for (int n = 0; n < study.RoundCount(condition); n++)
                {
                    Assert.True(File.ReadAllBytes(expected.ArraysPath(n)).AsSpan().SequenceEqual(File.ReadAllBytes(actual.ArraysPath(n))),
                        $"{condition} replicate {r} round {n}: the shared study's arrays differ from the whole study's");
                }
                Assert.Equal(expected.ReadRounds().Select(x => x.TestAccuracy), actual.ReadRounds().Select(x => x.TestAccuracy));
            }
        }
    }

    [Fact]
    public async Task A_resumed_study_gives_what_an_uninterrupted_one_gives()
    {
        var study = Small();
        using var whole = new TemporaryFolder();
        using var resumed = new TemporaryFolder();
        var complete = new StudyOutput(whole.Path, study, resume: false);
        foreach (var round in await CollectAsync(study))
        {
            complete.Write(round);
        }

        // Stop after three replicate rounds, as a kill would (what is written is complete rounds): IMP's replicate 0
        // has rounds 0 and 1, replicate 1 only round 0, the branches their round 0, the clone nothing. Then resume.
        var first = new StudyOutput(resumed.Path, study, resume: false);
        int written = 0;
        await foreach (var round in TestRunner.CreateStudyRunner().RunAsync(study))
        {
            first.Write(round);
            if (++written == 3)
            {
                break;
            }
        }
        var again = new StudyOutput(resumed.Path, study, resume: true);
        Assert.Equal(1, again.LastRound(StudyCondition.Imp, 0));
        Assert.Equal(0, again.LastRound(StudyCondition.Imp, 1));
        Assert.Equal(0, again.LastRound(StudyCondition.OneShot, 1));
        Assert.Null(again.LastRound(StudyCondition.GaussianClone, 0));
        foreach (var round in await CollectAsync(study, again))
        {
            again.Write(round);
        }

        foreach (var condition in study.Conditions)
        {
            for (int r = 0; r < study.Replicates; r++)
            {
                var expected = complete.Replicate(condition, r);
                var actual = again.Replicate(condition, r);
                for (int n = 0; n < study.RoundCount(condition); n++)
                {
                    Assert.True(File.ReadAllBytes(expected.ArraysPath(n)).AsSpan().SequenceEqual(File.ReadAllBytes(actual.ArraysPath(n))),
                        $"{condition} replicate {r} round {n}: the resumed study's arrays differ");
                }
                var expectedRounds = expected.ReadRounds();
                var actualRounds = actual.ReadRounds();
                Assert.Equal(expectedRounds.Select(x => x.Round), actualRounds.Select(x => x.Round));
                Assert.Equal(expectedRounds.Select(x => x.TestAccuracy), actualRounds.Select(x => x.TestAccuracy));
            }
        }
    }

    private static IReadOnlyDictionary<int, float[]> Masks(RoundCheckpoint checkpoint) =>
        checkpoint.NextMasks.ToDictionary(m => ExperimentSession.MaskLayer(m.Name), m => m.Values);

    private static void AssertSameRound(RoundResult expected, RoundResult actual)
    {
        Assert.Equal(expected.Round, actual.Round);
        Assert.Equal(expected.TestAccuracy, actual.TestAccuracy);
        Assert.Equal(expected.TestLoss, actual.TestLoss);
        Assert.Equal(expected.TrainLoss, actual.TrainLoss);
        Assert.Equal(expected.Arrays!.Weights, actual.Arrays!.Weights);
        Assert.Equal(expected.Arrays!.Mask, actual.Arrays!.Mask);
        Assert.Equal(expected.Arrays!.CavityGain, actual.Arrays!.CavityGain);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected, SpecJson.Options).Replace(Seconds(expected), "", StringComparison.Ordinal),
            System.Text.Json.JsonSerializer.Serialize(actual, SpecJson.Options).Replace(Seconds(actual), "", StringComparison.Ordinal));
    }

    private static string Seconds(RoundResult round) =>
        "\"seconds\":" + System.Text.Json.JsonSerializer.Serialize(round.Seconds, SpecJson.Options);

    private static void AssertSameArrays(IReadOnlyList<NamedArray> expected, IReadOnlyList<NamedArray> actual)
    {
        Assert.Equal(expected.Select(a => a.Name), actual.Select(a => a.Name));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Values, actual[i].Values);
        }
    }
}
