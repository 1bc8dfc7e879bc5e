using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Components.Runs;

/// <summary>The condition a stored run is (<see cref="StudyConditions.Of"/>), read from its spec as stored.</summary>
public static class RunConditions
{
    /// <summary>Null for no spec, or one today's parser refuses (such a run is drawn in the default colours).</summary>
    public static StudyCondition? Of(string? specJson)
    {
        if (specJson is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ExperimentSpec>(specJson, SpecJson.Options) is { } spec ? StudyConditions.Of(spec) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
