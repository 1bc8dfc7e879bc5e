using System.Collections;

namespace LocalityLab.Shared.Runs;

/// <summary>
/// One run's rounds as a subscriber holds them: the snapshot's and the live ones merged by round index, each index
/// once, in order. A subscriber joins the live events before it reads the snapshot, so a round stored in between
/// arrives both ways; the first copy is kept (both are the same stored round). Safe to add to from several threads.
/// </summary>
public sealed class RoundSequence : IReadOnlyList<RoundFrame>
{
    private readonly Lock _gate = new();
    private readonly SortedList<int, RoundFrame> _rounds = new();

    public RoundSequence()
    {
    }

    public RoundSequence(IEnumerable<RoundFrame> rounds)
    {
        foreach (var round in rounds)
        {
            Add(round);
        }
    }

    /// <summary>Adds a round in its place by index; false (and nothing changes) when that index is already held.</summary>
    public bool Add(RoundFrame round)
    {
        lock (_gate)
        {
            return _rounds.TryAdd(round.Summary.Round, round);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rounds.Clear();
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rounds.Count;
            }
        }
    }

    /// <summary>The round at this position (the lowest index first), not the round with this index.</summary>
    public RoundFrame this[int position]
    {
        get
        {
            lock (_gate)
            {
                return _rounds.Values[position];
            }
        }
    }

    /// <summary>Enumerates a copy, so rounds added meanwhile do not disturb it.</summary>
    public IEnumerator<RoundFrame> GetEnumerator()
    {
        RoundFrame[] copy;
        lock (_gate)
        {
            copy = [.. _rounds.Values];
        }
        return ((IEnumerable<RoundFrame>)copy).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
