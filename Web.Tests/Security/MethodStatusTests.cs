using System.Net;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Security;

/// <summary>Issue 12, item 8: a method a path does not take gets 405 with Allow, wherever the path is.</summary>
public sealed class MethodStatusTests
{
    private const string Run = "00000000-0000-0000-0000-000000000001";

    public static TheoryData<string> Downloads => new()
    {
        $"/api/runs/{Run}/rounds/0/arrays.npz",
        $"/api/runs/{Run}/spec",
        $"/api/studies/{Run}/summary.csv",
        "/s/some-token/study/summary.csv",
        "/s/some-token/rounds/0/atlas.png",
        $"/s/some-token/runs/{Run}/rounds/0/arrays.npz",
    };

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task Post_put_and_delete_on_a_read_only_download_answer_405_naming_get(string path)
    {
        await using var lab = new LabFactory();
        var client = lab.CreateClient();

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("GET", response.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task A_post_where_only_pages_are_is_405_not_a_page_while_a_person_browsing_there_gets_the_not_found_page()
    {
        await using var lab = new LabFactory();
        var client = lab.CreateClient();

        using var post = await client.PostAsync("/favicon-that-is-not-here.ico", content: null);
        using var get = await client.GetAsync("/no-such-page");

        // Only GET endpoints (pages, static files) match such a path; before, the not-found page was re-executed as a
        // POST and its antiforgery check answered 400.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("Sorry, the content you are looking for does not exist.", await get.Content.ReadAsStringAsync());
    }
}
