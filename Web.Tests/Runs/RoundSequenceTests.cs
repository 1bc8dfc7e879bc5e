using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Tests.Components;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>How a subscriber merges a run's snapshot with its live rounds (the run page and comparisons use it too).</summary>
public sealed class RoundSequenceTests
{
    private static readonly Guid RunId = Guid.NewGuid();

    [Fact]
    public void A_round_that_arrives_twice_is_kept_once_as_it_first_arrived()
    {
        var fromSnapshot = Frame(1, medianIpr: 0.2);
        var rounds = new RoundSequence([Frame(0), fromSnapshot]);

        bool added = rounds.Add(Frame(1, medianIpr: 0.3));

        Assert.False(added);
        Assert.Equal([0, 1], rounds.Select(r => r.Summary.Round));
        Assert.Same(fromSnapshot, rounds[1]);
    }

    [Fact]
    public void Rounds_are_held_in_index_order_whatever_order_they_arrive_in()
    {
        var rounds = new RoundSequence();

        Assert.True(rounds.Add(Frame(2)));
        Assert.True(rounds.Add(Frame(0)));
        Assert.True(rounds.Add(Frame(1)));

        Assert.Equal([0, 1, 2], rounds.Select(r => r.Summary.Round));
        Assert.Equal(3, rounds.Count);
        Assert.Equal(2, rounds[2].Summary.Round);
    }

    private static RoundFrame Frame(int round, double medianIpr = 0.2) => FirstLayerFrameEncoder.Frame(RunId, PageLab.Round(round, medianIpr: medianIpr));
}
