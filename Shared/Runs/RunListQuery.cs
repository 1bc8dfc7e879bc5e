using System.Globalization;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Runs;

/// <summary>
/// One page of the lab's runs (study replicates are listed with their study), newest first: those in a status, whose
/// name contains a text (any case), after a cursor. The API's <c>GET /api/runs?status=&amp;search=&amp;limit=&amp;cursor=</c>
/// and the runs page ask the store the same question.
/// </summary>
public sealed record RunListQuery
{
    public const int DefaultLimit = 50, MaxLimit = 200, MaxSearchLength = 200;

    public RunStatus? Status { get; init; }

    public string? Search { get; init; }

    /// <summary>Runs on a page, in [1, 200].</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The previous page's <see cref="RunListPage.Next"/>: this page starts after its last run.</summary>
    public string? Cursor { get; init; }

    /// <summary>The queue order the page's runs are below, read from the cursor (null: the first page).</summary>
    public long? Before => Cursor is null ? null : long.Parse(Cursor, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The cursor of the page after one whose last run has this queue order.</summary>
    public static string CursorAfter(long queueOrder) => queueOrder.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A query from the query string's text, every value checked: a bad one is an error naming its parameter and what
    /// it may be, and the query is null.
    /// </summary>
    public static RunListQuery? Parse(string? status, string? search, string? limit, string? cursor, out IReadOnlyList<ValidationError> errors)
    {
        var found = new List<ValidationError>();
        RunStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            var match = Enum.GetNames<RunStatus>().FirstOrDefault(n => string.Equals(n, status, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                found.Add(new("status", $"status must be one of {string.Join(", ", Enum.GetNames<RunStatus>())}; got '{status}'."));
            }
            else
            {
                parsedStatus = Enum.Parse<RunStatus>(match);
            }
        }
        if (search is { Length: > MaxSearchLength })
        {
            found.Add(new("search", $"search must have at most {MaxSearchLength} characters; got {search.Length}."));
        }
        int parsedLimit = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLimit) && parsedLimit is >= 1 and <= MaxLimit))
        {
            found.Add(new("limit", $"limit must be a whole number in [1, {MaxLimit}]; got '{limit}'."));
        }
        if (!string.IsNullOrEmpty(cursor)
            && !(long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out long before) && before > 0))
        {
            found.Add(new("cursor", "cursor must be the 'next' value of a page the lab returned (a whole number above 0)."));
        }
        errors = found;
        return found.Count > 0 ? null : new RunListQuery
        {
            Status = parsedStatus,
            Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Limit = parsedLimit,
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
        };
    }
}
