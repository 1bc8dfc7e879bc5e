using System.Text.Json;
using LocalityLab.Compute.Pruning;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Tests.Runs;

public sealed class ExperimentRunnerTests
{
    [Fact]
    public async Task Rounds_arrive_in_order_with_sparsity_one_minus_one_minus_p_to_the_n()
    {
        var rounds = await TestRunner.CollectAsync(TestRunner.Create(), TestRunner.Small());

        Assert.Equal([0, 1, 2, 3], rounds.Select(r => r.Round));
        for (int n = 0; n < rounds.Count; n++)
        {
            // 216 first-layer weights: each round's count is rounded to a whole weight (error < 0.5 / 216 a round).
            Assert.Equal(1 - Math.Pow(0.7, n), rounds[n].Sparsity, 0.01);
            Assert.True(rounds[n].Layers[1] is { Pruned: false, Sparsity: 0 }, "the output layer is not pruned by default");
            Assert.InRange(rounds[n].TestAccuracy, 0, 1);
            Assert.True(double.IsFinite(rounds[n].TestLoss));
        }
    }

    [Fact]
    public async Task Mask_stays_zero_through_retraining()
    {
        var rounds = await TestRunner.CollectAsync(TestRunner.Create(), TestRunner.Small());

        for (int n = 0; n < rounds.Count; n++)
        {
            var arrays = rounds[n].Arrays!;
            for (int i = 0; i < arrays.Weights.Length; i++)
            {
                if (arrays.Mask[i] == 0)
                {
                    Assert.Equal(0f, arrays.Weights[i]);
                    Assert.True(float.IsNaN(arrays.CavityGain[i]), "a pruned weight has no cavity value");
                }
            }
            if (n + 1 < rounds.Count)
            {
                var next = rounds[n + 1].Arrays!;
                for (int i = 0; i < arrays.Mask.Length; i++)
                {
                    // Pruned once, pruned for good; and "pruned next" is exactly what the next round lost.
                    Assert.True(next.Mask[i] <= arrays.Mask[i]);
                    Assert.Equal(arrays.Mask[i] == 1 && next.Mask[i] == 0 ? 1 : 0, arrays.PrunedNext[i]);
                }
            }
        }
    }

    [Fact]
    public async Task Rewinding_restores_survivors_exactly_to_the_rewind_point()
    {
        var spec = TestRunner.Small();
        var runner = TestRunner.Create();
        var round0 = (await TestRunner.CollectAsync(runner, spec with { Pruning = spec.Pruning with { Rounds = 0 } })).Single();
        // The same seed trained for exactly RewindStep steps: its trained weights are the rewind point.
        var fiveSteps = (await TestRunner.CollectAsync(runner, spec with
        {
            Training = spec.Training with { Steps = 5 },
            Pruning = spec.Pruning with { Rounds = 0, Rewind = RewindKind.Init },
        })).Single();
        Assert.Equal(Flatten(fiveSteps.Checkpoint!.TrainedWeights), Flatten(round0.Checkpoint!.RewindWeights));

        using var session = ExperimentSession.Start(spec, TorchSharp.torch.CPU, TimeProvider.System, round0.Checkpoint, default);
        session.PrepareRound();

        var rewind = round0.Checkpoint.RewindWeights.Single(a => a.Name == "_layers.0.weight").Values;
        var mask = round0.Checkpoint.NextMasks.Single(a => a.Name == "mask.0").Values;
        var start = session.Network.Network.FirstLayer.weight!.data<float>().ToArray();
        for (int i = 0; i < start.Length; i++)
        {
            Assert.Equal(mask[i] == 0 ? 0f : rewind[i], start[i]);
        }
    }

    [Fact]
    public async Task Same_seed_on_the_cpu_gives_identical_results()
    {
        var runner = TestRunner.Create();

        var first = await TestRunner.CollectAsync(runner, TestRunner.Small());
        var second = await TestRunner.CollectAsync(runner, TestRunner.Small());

        Assert.Equal(Json(first.Select(r => r with { Seconds = 0 })), Json(second.Select(r => r with { Seconds = 0 })));
        Assert.Equal(first.Select(r => r.Arrays!.Weights), second.Select(r => r.Arrays!.Weights));
    }

    [Fact]
    public async Task Measuring_a_round_beside_the_next_ones_training_gives_the_results_of_one_round_after_another()
    {
        // The runner measures round r while round r + 1 trains; the session alone does one round after the other.
        // A measure that read the live network instead of its round's copy would see the next round's weights.
        var spec = TestRunner.Small();
        var pipelined = await TestRunner.CollectAsync(TestRunner.Create(), spec);
        var sequential = new List<RoundResult>();
        using (var session = ExperimentSession.Start(spec, TorchSharp.torch.CPU, TimeProvider.System, null, CancellationToken.None))
        {
            while (session.HasNextRound)
            {
                sequential.Add(session.RunNextRound(null, CancellationToken.None));
            }
        }

        Assert.Equal(spec.RoundCount, pipelined.Count);
        Assert.Equal(Json(sequential.Select(r => r with { Seconds = 0 })), Json(pipelined.Select(r => r with { Seconds = 0 })));
        Assert.Equal(sequential.Select(r => r.Arrays!.CavityGain), pipelined.Select(r => r.Arrays!.CavityGain));
    }

    [Fact]
    public async Task Every_round_reports_the_permutation_null_and_the_within_class_cavity_of_every_live_unit()
    {
        var rounds = await TestRunner.CollectAsync(TestRunner.Create(), TestRunner.Small());

        Assert.All(rounds, round =>
        {
            var live = round.UnitMeasures.Where(u => !u.Dead).ToList();
            Assert.All(live, u =>
            {
                Assert.NotNull(u.SpreadNull);
                Assert.NotNull(u.AbsKurtosisWithinNull);
                Assert.NotNull(u.NonGaussianityIndex);
                Assert.Equal(u.ExcessKurtosisByClass.Average(k => Math.Abs(k!.Value)), u.AbsKurtosisWithin!.Value, 1e-9);
            });
            Assert.Equal(live.Count(u => u.LocalityIndex is not null), round.LocalityIndex.Count);
            Assert.Equal(live.Count, round.NonGaussianityIndex.Count);
            Assert.NotNull(round.CavityWithinClass);
            Assert.Equal(round.Arrays!.Weights.Length, round.Arrays.CavityDeltaWithin.Length);
            Assert.Equal(round.Arrays.Weights.Length, round.Arrays.CavityGainWithin.Length);
            Assert.All(Enumerable.Range(0, round.Arrays.Mask.Length).Where(e => round.Arrays.Mask[e] == 0),
                e => Assert.True(float.IsNaN(round.Arrays.CavityDeltaWithin[e])));
        });
    }

    [Theory]
    [InlineData(PruningControl.None, 400)]
    [InlineData(PruningControl.RandomPruning, 0)] // online data: the data generator's state matters too
    public async Task Resuming_from_a_stored_round_gives_the_uninterrupted_results(PruningControl control, int trainingSamples)
    {
        var spec = TestRunner.Small() with
        {
            Data = TestRunner.Small().Data with { TrainingSamples = trainingSamples },
            Training = TestRunner.Small().Training with { Steps = trainingSamples == 0 ? 30 : 0 },
            Pruning = TestRunner.Small().Pruning with { Control = control },
        };
        var runner = TestRunner.Create();
        var uninterrupted = await TestRunner.CollectAsync(runner, spec);

        // Round-trip the checkpoint through JSON, as the store will.
        var stored = JsonSerializer.Deserialize<RoundCheckpoint>(JsonSerializer.Serialize(uninterrupted[1].Checkpoint, SpecJson.Options), SpecJson.Options);
        var resumed = await TestRunner.CollectAsync(TestRunner.Create(), spec, stored);

        Assert.Equal([2, 3], resumed.Select(r => r.Round));
        Assert.Equal(Json(uninterrupted.Skip(2).Select(r => r with { Seconds = 0 })), Json(resumed.Select(r => r with { Seconds = 0 })));
        Assert.Equal(uninterrupted.Skip(2).Select(r => r.Arrays!.Weights), resumed.Select(r => r.Arrays!.Weights));
    }

    [Fact]
    public async Task Imp_naming_the_random_strategy_is_the_random_pruning_control_and_magnitude_is_imp()
    {
        // A strategy chosen by name (issue 24) is the one the control would choose: the same masks, weights and measures.
        var spec = TestRunner.Small();
        var runner = TestRunner.Create();
        static string Rounds(IEnumerable<RoundResult> rounds) => Json(rounds.Select(r => r with { Seconds = 0 }));

        var byControl = await TestRunner.CollectAsync(runner, spec with { Pruning = spec.Pruning with { Control = PruningControl.RandomPruning } });
        var byName = await TestRunner.CollectAsync(runner, spec with { Pruning = spec.Pruning with { Strategy = PruningStrategies.Random } });
        var imp = await TestRunner.CollectAsync(runner, spec);
        var magnitude = await TestRunner.CollectAsync(runner, spec with { Pruning = spec.Pruning with { Strategy = "Magnitude" } });

        Assert.Equal(Rounds(byControl), Rounds(byName));
        Assert.Equal(Rounds(imp), Rounds(magnitude));
        Assert.NotEqual(imp[1].Arrays!.Mask, byName[1].Arrays!.Mask);
    }

    [Fact]
    public async Task One_shot_control_prunes_to_the_final_sparsity_in_one_round()
    {
        var spec = TestRunner.Small() with { Pruning = TestRunner.Small().Pruning with { Control = PruningControl.OneShot } };

        var rounds = await TestRunner.CollectAsync(TestRunner.Create(), spec);

        Assert.Equal([0, 1], rounds.Select(r => r.Round));
        Assert.Equal(1 - Math.Pow(0.7, 3), rounds[1].Sparsity, 0.01);
    }

    [Fact]
    public async Task Training_reports_say_what_the_last_round_spent_measuring_so_an_ETA_can_count_it()
    {
        var reports = new List<TrainingProgress>();
        var rounds = new List<RoundResult>();
        // Every reading of this clock is 300 ms after the previous one, so every step reports progress.
        var runner = TestRunner.Create(new SteppingTimeProvider(TimeSpan.FromMilliseconds(300)));
        var progress = new SynchronousProgress<TrainingProgress>(reports.Add);

        await foreach (var round in runner.RunAsync(TestRunner.Small(), progress, CancellationToken.None))
        {
            rounds.Add(round);
        }

        Assert.All(reports.Where(r => r.Round == 0), r => Assert.Equal(0, r.MeasureSeconds)); // nothing measured yet
        foreach (var round in rounds.Skip(1))
        {
            // One value through a round's training: what the round before spent after its own training, part of its Seconds.
            var measured = reports.Where(r => r.Round == round.Round).Select(r => r.MeasureSeconds).Distinct().ToList();
            var value = Assert.Single(measured);
            Assert.InRange(value, double.Epsilon, rounds[round.Round - 1].Seconds);
        }
    }

    [Fact]
    public async Task Cancellation_stops_training_within_a_step()
    {
        var spec = TestRunner.Small() with { Training = TestRunner.Small().Training with { Epochs = 10_000 } };
        using var cancellation = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        // Every reading of this clock is 300 ms after the previous one, so every step reports progress.
        var runner = TestRunner.Create(new SteppingTimeProvider(TimeSpan.FromMilliseconds(300)));
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            reports.Add(p);
            if (p.Step == 50)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in runner.RunAsync(spec, progress, cancellation.Token))
            {
            }
        });

        Assert.Equal(50, reports[^1].Step);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), reports.Select(r => r.Step));
    }

    [Fact]
    public async Task A_diverging_loss_ends_the_run_with_a_clear_error()
    {
        var spec = TestRunner.Small() with
        {
            Training = TestRunner.Small().Training with { LearningRate = 10, Momentum = 0.99, Loss = LossKind.Mse },
        };

        var error = await Assert.ThrowsAsync<TrainingDivergedException>(() => TestRunner.CollectAsync(TestRunner.Create(), spec));

        Assert.Equal(0, error.Round);
        Assert.Contains("Training diverged in round 0", error.Message);
        Assert.Contains("Training.LearningRate", error.Message);
    }

    /// <summary>
    /// Fine-tuning (no rewind) with momentum on the squared loss at a learning rate just past stability: round 0
    /// completes and the carried-over weights blow up early in round 1 (learning rates 0.18 to 0.28 all do, so the
    /// round does not hang on a last bit of rounding).
    /// </summary>
    public static ExperimentSpec DivergesInRoundOne(long seed) => TestRunner.Small(seed) with
    {
        Training = TestRunner.Small().Training with { LearningRate = 0.22, Momentum = 0.9, Loss = LossKind.Mse, Steps = 20, Epochs = 0 },
        Pruning = TestRunner.Small().Pruning with { Rounds = 4, Rewind = RewindKind.None },
    };

    [Theory]
    [InlineData(7)]
    [InlineData(95)]
    public async Task A_loss_diverging_in_a_later_round_keeps_the_rounds_before_it(long seed)
    {
        var rounds = new List<RoundResult>();
        var error = await Assert.ThrowsAsync<TrainingDivergedException>(async () =>
        {
            await foreach (var round in TestRunner.Create().RunAsync(DivergesInRoundOne(seed), null, default, null))
            {
                rounds.Add(round);
            }
        });

        Assert.Equal(1, error.Round);
        Assert.Contains("Training diverged in round 1", error.Message);
        var kept = Assert.Single(rounds);
        Assert.Equal(0, kept.Round);
        Assert.True(double.IsFinite(kept.TestAccuracy), $"round 0's accuracy is {kept.TestAccuracy}");
    }

    [Fact]
    public async Task A_spec_beyond_the_server_limits_is_refused_before_anything_runs()
    {
        var spec = TestRunner.Small() with { Data = TestRunner.Small().Data with { Size = 64, TrainingSamples = 1_000_000 } };

        var error = await Assert.ThrowsAsync<ExperimentRejectedException>(() => TestRunner.CollectAsync(TestRunner.Create(), spec));

        Assert.Contains(error.Errors, e => e.Message.Contains("Compute:Limits:MaxMemoryMegabytes"));
    }

    [Fact]
    public async Task Mlp_with_input_batchnorm_prunes_every_hidden_layer_and_not_the_output()
    {
        var spec = TestRunner.Small() with
        {
            Model = new ModelSpec
            {
                Architecture = Architecture.Mlp,
                HiddenWidths = [8, 5],
                Initialization = Initialization.Glorot,
                InputBatchNorm = true,
            },
            Pruning = TestRunner.Small().Pruning with { Rounds = 1, Scope = PruningScope.Global },
        };

        var rounds = await TestRunner.CollectAsync(TestRunner.Create(), spec);

        var layers = rounds[1].Layers;
        Assert.Equal([true, true, false], layers.Select(l => l.Pruned));
        long surviving = layers.Where(l => l.Pruned).Sum(l => l.Surviving), total = layers.Where(l => l.Pruned).Sum(l => l.Weights);
        Assert.Equal(0.3, 1 - (double)surviving / total, 0.01);
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(64, 256)]
    [InlineData(33, 264)]
    [InlineData(257, 514)]
    [InlineData(1000, 1000)]
    public void Online_blocks_are_whole_even_numbers_of_batches(int batch, int block)
    {
        Assert.Equal(block, RoundTrainer.OnlineBlockSize(batch));
    }

    [Fact]
    public async Task Online_training_with_batch_size_one_learns_both_classes()
    {
        // Batch size 1 as Ingrosso & Goldt: if every batch were one class the net would predict it everywhere (50%).
        var spec = TestRunner.Small() with
        {
            Data = TestRunner.Small().Data with { TrainingSamples = 0, CorrelationLengths = [0.5, 3], Gain = 1 },
            Training = TestRunner.Small().Training with { BatchSize = 1, Steps = 3000, LearningRate = 0.02 },
            Pruning = TestRunner.Small().Pruning with { Rounds = 0 },
        };

        var round = (await TestRunner.CollectAsync(TestRunner.Create(), spec)).Single();

        Assert.True(round.TestAccuracy > 0.7, $"test accuracy {round.TestAccuracy}");
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, SpecJson.Options);

    private static float[] Flatten(IReadOnlyList<NamedArray> arrays) => [.. arrays.SelectMany(a => a.Values)];
}
