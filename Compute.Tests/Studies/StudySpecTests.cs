using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Compute.Tests.Studies;

public sealed class StudySpecTests
{
    [Fact]
    public void Replicate_seeds_are_valid_distinct_and_change_with_every_bit_of_the_study_seed()
    {
        var seeds = Enumerable.Range(0, StudySpec.MaxReplicates).Select(r => ReplicateSeeds.For(1, r)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.InRange(s, 0, long.MaxValue));
        for (int bit = 0; bit < 63; bit++)
        {
            Assert.NotEqual(ReplicateSeeds.For(1, 0), ReplicateSeeds.For(1 ^ (1L << bit), 0));
        }
        // SplitMix64's first output from state 0 (Vigna's reference splitmix64.c) is 0xE220A8397B1DCDAF; replicate 0 of
        // study seed 0 is that, top bit cleared.
        Assert.Equal(0x6220A8397B1DCDAFL, ReplicateSeeds.For(0, 0));
    }

    [Fact]
    public void A_replicate_shares_its_seed_across_conditions_and_takes_the_condition_data_and_control()
    {
        var study = new StudySpec { Seed = 5, Base = ExperimentPresets.Quick };

        var imp = study.ReplicateSpec(StudyCondition.Imp, 3);
        var clone = study.ReplicateSpec(StudyCondition.GaussianClone, 3);
        var oneShot = study.ReplicateSpec(StudyCondition.OneShot, 3);

        Assert.Equal(imp.Seed, clone.Seed);
        Assert.Equal(imp.Seed, oneShot.Seed);
        Assert.NotEqual(imp.Seed, study.ReplicateSpec(StudyCondition.Imp, 4).Seed);
        Assert.Equal(DataSource.GaussianClone, clone.Data.Source);
        Assert.Equal(PruningControl.OneShot, oneShot.Pruning.Control);
        Assert.Equal(PruningControl.RandomReinit, study.ReplicateSpec(StudyCondition.RandomReinit, 0).Pruning.Control);
        Assert.Equal(2, study.RoundCount(StudyCondition.OneShot));
        Assert.Equal(11, study.RoundCount(StudyCondition.Imp));
    }

    [Fact]
    public void Identity_covers_what_changes_results_and_ignores_names_and_defaults_spelled_out()
    {
        var study = new StudySpec { Base = ExperimentPresets.Quick };

        Assert.Equal(study.Identity, (study with { Name = "renamed", Base = study.Base with { Name = "also" } }).Identity);
        Assert.NotEqual(study.Identity, (study with { Replicates = 9 }).Identity);
        Assert.NotEqual(study.Identity, (study with { Seed = 2 }).Identity);
        Assert.NotEqual(study.Identity, (study with { Conditions = [StudyCondition.Imp] }).Identity);
        // A field written out at its default value is the same spec as one that leaves it out: a field added later
        // with a default leaves every stored identity as it was.
        Assert.Equal(new ExperimentSpec().Identity, new ExperimentSpec { Training = new TrainingSpec { Momentum = 0 } }.Identity);
        Assert.Equal("{}", SpecIdentity.Canonical(new ExperimentSpec { Name = "x" }).ToJsonString());
        Assert.Equal("""{"data":{"gain":3},"seed":2}""", SpecIdentity.Canonical(new ExperimentSpec { Seed = 2, Data = new DataSpec { Gain = 3 } }).ToJsonString());
    }

    [Fact]
    public void Validation_names_each_field_and_its_range()
    {
        var errors = StudySpecValidator.Validate(new StudySpec
        {
            Replicates = 0,
            Conditions = [StudyCondition.GaussianClone, StudyCondition.GaussianClone, StudyCondition.RandomReinit],
            Base = new ExperimentSpec
            {
                Data = new DataSpec { Source = DataSource.Ising, Gain = 250 },
                Pruning = new PruningSpec { Control = PruningControl.OneShot },
            },
        }).Select(e => e.Field).ToList();

        Assert.Contains("Replicates", errors);
        Assert.Contains("Conditions", errors);
        Assert.Contains("Base.Data.Gain", errors);
        Assert.Contains("Base.Data.Source", errors);
        Assert.Contains("Base.Pruning.Control", errors);
        Assert.Empty(StudySpecValidator.Validate(StudyPresets.Paper));
    }

    [Fact]
    public void A_single_run_refuses_random_reinitialisation_which_needs_a_study()
    {
        var errors = ExperimentSpecValidator.Validate(new ExperimentSpec { Pruning = new PruningSpec { Control = PruningControl.RandomReinit } });

        Assert.Contains(errors, e => e.Field == "Pruning.Control" && e.Message.Contains("study", StringComparison.Ordinal));
    }
}
