using System.Text.Json;
using Bunit;
using Hangfire.Common;
using Hangfire.Storage;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Components.Charts;
using LocalityLab.Web.Designer;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Registries;

/// <summary>
/// A study condition is its descriptor and one registration (issue 24): registered, a test-only condition is accepted
/// by the study's validation and JSON, makes its replicates' specs, is recognised in a run's spec, starts its
/// replicates in the engine as its descriptor says, is banded and claimed against by the statistics, drawn on the study
/// page in its own colour and offered by the designer; unregistered, it is refused again.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class StudyConditionRegistryTests : IAsyncLifetime
{
    /// <summary>IMP's schedule at half the rate, layers ranked together, branching off IMP's trained round 0.</summary>
    private sealed class GentlePruning : StudyConditionDescriptor
    {
        public override string Key => "gentlePruning";

        public override string Label => "Gentle pruning (test only)";

        public override ConditionStart Start => ConditionStart.BranchOffImp;

        public override IReadOnlyList<string> Claims => [StudyClaimIds.C2Ngi];

        public override ExperimentSpec Apply(ExperimentSpec replicate) => replicate with
        {
            Pruning = replicate.Pruning with { FractionPerRound = replicate.Pruning.FractionPerRound / 2, Scope = PruningScope.Global },
        };

        public override bool Describes(ExperimentSpec spec) => spec.Pruning is { Control: PruningControl.None, Scope: PruningScope.Global };

        public override IEnumerable<ValidationError> Check(ExperimentSpec baseSpec)
        {
            if (baseSpec.Pruning.FractionPerRound > 0.5)
            {
                yield return new("Base.Pruning.FractionPerRound", "Base.Pruning.FractionPerRound must be at most 0.5 with gentlePruning.");
            }
        }
    }

    private static readonly StudyCondition Gentle = new("gentlePruning");

    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private static StudySpec Study() => new()
    {
        Name = "gentle",
        Seed = 11,
        Replicates = 2,
        Conditions = [StudyCondition.Imp, Gentle],
        Base = PageLab.Spec("base", rounds: 2) is var spec ? spec with { Pruning = spec.Pruning with { RewindStep = 5 } } : null!,
    };

    [Fact]
    public async Task A_registered_condition_is_validated_run_banded_claimed_drawn_and_offered_and_refused_once_unregistered()
    {
        const string json = """{ "name": "s", "replicates": 2, "conditions": ["imp", "gentlePruning"] }""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StudySpec>(json, SpecJson.Options));

        using (StudyConditions.Register(new GentlePruning()))
        {
            // The study's contract: JSON, validation (its own check too), its replicates' specs, a run's condition.
            Assert.Equal([StudyCondition.Imp, Gentle], JsonSerializer.Deserialize<StudySpec>(json, SpecJson.Options)!.Conditions);
            var study = Study();
            Assert.Empty(StudySpecValidator.Validate(study));
            Assert.Contains(StudySpecValidator.Validate(study with { Conditions = [Gentle] }),
                e => e.Field == "Conditions" && e.Message.Contains("include imp when they include gentlePruning", StringComparison.Ordinal));
            Assert.Contains(StudySpecValidator.Validate(study with { Base = study.Base with { Pruning = study.Base.Pruning with { FractionPerRound = 0.6 } } }),
                e => e.Field == "Base.Pruning.FractionPerRound");
            var replicate = study.ReplicateSpec(Gentle, 1);
            Assert.Equal((0.1, PruningScope.Global, "gentle · Gentle pruning (test only) · seed 2"),
                (replicate.Pruning.FractionPerRound, replicate.Pruning.Scope, replicate.Name));
            Assert.Equal(Gentle, StudyConditions.Of(replicate));

            // The engine starts it off IMP's round 0 and prunes at its rate; the statistics band it and claim against it.
            var engine = _lab.Context.Services.GetRequiredService<ILabEngine>();
            var observations = new List<StudyObservation>();
            var sparsity = new Dictionary<(StudyCondition, int), double>();
            await foreach (var round in engine.RunStudyAsync(study, null, null, CancellationToken.None))
            {
                foreach (var condition in round.Conditions)
                {
                    observations.Add(StudyObservations.Of(condition, round.Replicate, round.Result));
                    sparsity[(condition, round.Result.Round)] = round.Result.Sparsity;
                }
            }
            Assert.Contains(observations, o => o.Condition == Gentle && o.Round == 0); // IMP's round 0 is the branch's
            // 4 units x 9 inputs: a fraction of the 36 first-layer weights is whole weights, within 1/36 of it.
            Assert.InRange(sparsity[(Gentle, 1)], 0.1 - (1.0 / 36), 0.1 + (1.0 / 36));
            Assert.InRange(sparsity[(StudyCondition.Imp, 1)], 0.2 - (1.0 / 36), 0.2 + (1.0 / 36));
            var summary = engine.Summarize(study, observations);
            Assert.Equal(3, summary.Bands.Count(b => b.Condition == Gentle && b.Measure == StudyMeasures.Sparsity));
            Assert.Contains(summary.Claims, c => c.Id == StudyClaimIds.C2Ngi && c.Against == "gentlePruning");

            // The study page draws it in its own colour, after the built-in five; the designer offers it.
            var stored = await _lab.Studies.CreateAsync(study, "lab", CancellationToken.None);
            await _lab.Studies.SaveSummaryAsync(stored.Id, summary, CancellationToken.None);
            var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, stored.Id));
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindComponents<LineChart>()));
            var drawn = page.FindComponents<LineChart>().First().Instance.Series.Single(s => s.Name == "Gentle pruning (test only)");
            Assert.Equal(5, drawn.Colour);
            Assert.Contains("Gentle pruning (test only)", page.Find("[data-testid=claims-table]").TextContent, StringComparison.Ordinal);
            var panel = _lab.Context.Render<StudyPanel>(p => p.Add(c => c.Spec, study.Base).Add(c => c.Caller, Callers.Member("lab")));
            Assert.Contains("Gentle pruning (test only)", panel.Find("[data-testid=study-condition-gentlePruning]").TextContent, StringComparison.Ordinal);
        }

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StudySpec>(json, SpecJson.Options));
        Assert.Contains(StudySpecValidator.Validate(Study()), e => e.Field == "Conditions" && e.Message.Contains("got gentlePruning", StringComparison.Ordinal));
        Assert.Equal(StudyCondition.Imp, StudyConditions.Of(Study().Base with { Pruning = Study().Base.Pruning with { Scope = PruningScope.Global } }));
    }

    [Fact]
    public void A_key_already_registered_in_any_letter_case_is_refused()
    {
        var twice = Assert.Throws<ArgumentException>(() => StudyConditions.Register(new Imposter()));

        Assert.Contains("'IMP'", twice.Message, StringComparison.Ordinal);
        Assert.Equal(5, StudyConditions.All.Count);
    }

    [Theory]
    [InlineData("imp")]
    [InlineData("gaussianClone")]
    [InlineData("oneShot")]
    [InlineData("randomPruning")]
    [InlineData("randomReinit")]
    public void A_study_job_names_its_condition_by_key_and_one_an_older_lab_queued_by_number_still_runs(string key)
    {
        // Hangfire keeps a job's arguments as JSON (Json.NET): a condition is written as its key, and a job queued
        // before conditions had keys carries the enum's number, which reads as the same condition.
        var condition = new StudyCondition(key);
        var studyId = Guid.NewGuid();
        var data = InvocationData.SerializeJob(Job.FromExpression<IStudyJob>(job => job.RunAsync(studyId, condition, CancellationToken.None)));
        Assert.Equal($"\"{key}\"", JsonSerializer.Deserialize<string?[]>(data.Arguments)![1]);
        Assert.Equal(condition, data.DeserializeJob().Args[1]);

        int number = StudyConditions.All.ToList().IndexOf(condition);
        var legacy = new InvocationData(data.Type, data.Method, data.ParameterTypes,
            $"[\"\\\"{studyId}\\\"\",\"{number}\",null]");
        Assert.Equal(condition, legacy.DeserializeJob().Args[1]);
    }

    private sealed class Imposter : StudyConditionDescriptor
    {
        public override string Key => "IMP";

        public override string Label => "An imposter";

        public override ExperimentSpec Apply(ExperimentSpec replicate) => replicate;

        public override bool Describes(ExperimentSpec spec) => false;
    }
}
