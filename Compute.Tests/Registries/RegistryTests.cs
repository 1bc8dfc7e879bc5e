using LocalityLab.Shared.Registries;

namespace LocalityLab.Compute.Tests.Registries;

/// <summary>The one mechanism behind the lab's registries, on an instance of its own.</summary>
public sealed class RegistryTests
{
    private static Registry<string> Colours() => new("colour", c => c, ["red", "green"]);

    [Fact]
    public void Registered_variants_follow_the_built_in_ones_until_their_handle_is_disposed()
    {
        var registry = Colours();

        using (registry.Register("blue"))
        {
            Assert.Equal(["red", "green", "blue"], registry.All);
            Assert.Equal("red, green, blue", registry.Allowed);
            Assert.Equal("blue", registry.Find("BLUE"));
        }

        Assert.Equal(["red", "green"], registry.All);
        Assert.Null(registry.Find("blue"));
    }

    [Fact]
    public void A_key_registered_in_any_letter_case_is_refused_and_the_list_is_unchanged()
    {
        var registry = Colours();

        var refused = Assert.Throws<ArgumentException>(() => registry.Register("Green"));

        Assert.StartsWith("A colour is already registered as 'Green'.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["red", "green"], registry.All);
    }

    [Fact]
    public async Task Registrations_from_many_threads_at_once_are_all_kept_and_all_removed()
    {
        var registry = Colours();
        var keys = Enumerable.Range(0, 400).Select(i => $"c{i}").ToArray();

        var handles = await Task.WhenAll(keys.Select(k => Task.Run(() => registry.Register(k))));
        Assert.Equal(["red", "green", .. keys.Order(StringComparer.Ordinal)], [.. registry.All.Take(2), .. registry.All.Skip(2).Order(StringComparer.Ordinal)]);

        await Task.WhenAll(handles.Select(h => Task.Run(h.Dispose)));
        Assert.Equal(["red", "green"], registry.All);
    }
}
