using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Security;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Security;

/// <summary>
/// U+0000 anywhere text enters is a 400 naming the field (issue 22: each of these was a 500 on PostgreSQL, whose text
/// cannot hold it; on SQLite they were stored).
/// </summary>
public sealed class NulTextTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _ada = null!;

    public async Task InitializeAsync() => _ada = await _lab.ClientAsync("ada");

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task A_run_or_study_name_with_a_nul_is_refused_naming_it()
    {
        var run = await _ada.PostAsync("/api/runs", Json(LabFactory.Spec(seed: 1) with { Name = "gain\0sweep" }));
        var nested = await _ada.PostAsync("/api/runs", Json(LabFactory.Spec(seed: 1) with
        {
            Data = LabFactory.Spec(seed: 1).Data with { ImagesPath = "a\0b" },
        }));
        var study = await _ada.PostAsync("/api/studies", Json(new StudySpec { Name = "\0", Base = LabFactory.Spec(seed: 2) }));

        await AssertRefusedAsync(run, "Name");
        await AssertRefusedAsync(nested, "Data.ImagesPath");
        await AssertRefusedAsync(study, "Name");
        using var list = JsonDocument.Parse(await _ada.GetStringAsync("/api/runs"));
        Assert.Equal(0, list.RootElement.GetProperty("runs").GetArrayLength()); // nothing was stored
    }

    [Fact]
    public async Task A_search_a_share_label_and_a_sign_in_name_with_a_nul_are_refused_naming_them()
    {
        var run = (await new RunsApi(_ada).SubmitAsync(LabFactory.Spec(seed: 3))).Run!;
        using var anonymous = _lab.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

        var search = await _ada.GetAsync("/api/runs?search=%00");
        var label = await _ada.PostAsync($"/api/runs/{run.Id}/shares", Json(new ShareLinkRequest("for\0bob")));
        var signIn = await anonymous.PostAsJsonAsync("/api/account/login", new LoginRequest("ada\0", LabFactory.Password));
        var form = await anonymous.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "ada\0",
            ["Input.Password"] = LabFactory.Password,
        }));

        await AssertRefusedAsync(search, "Search");
        await AssertRefusedAsync(label, "Label");
        await AssertRefusedAsync(signIn, "UserName");
        await AssertRefusedAsync(form, "Input.UserName");
        Assert.Equal(HttpStatusCode.OK, (await _ada.GetAsync("/api/runs?search=gain")).StatusCode); // the lab answers on
    }

    [Theory]
    [InlineData("""{"name":"a\u0000"}""", "Name")]
    [InlineData("""{"data":{"imagesPath":"\u0000"}}""", "Data.ImagesPath")]
    [InlineData("""{"runs":["a","b\u0000"],"name":"x"}""", "Runs")]
    [InlineData("""{"conditions":[{"label":"ok"},{"label":"\u0000"}]}""", "Conditions.Label")]
    [InlineData("""["\u0000"]""", "Body")]
    [InlineData("""{"name":"fine","gain":3}""", null)]
    public void The_field_named_is_where_the_nul_is(string json, string? field) =>
        Assert.Equal(field, NulTextRefusal.JsonFieldWithNul(System.Text.Encoding.UTF8.GetBytes(json)));

    private static StringContent Json<T>(T value) =>
        new(JsonSerializer.Serialize(value, SpecJson.Options), System.Text.Encoding.UTF8, "application/json");

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: answered {(int)response.StatusCode} {body}");
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        Assert.Contains("U+0000", body, StringComparison.Ordinal);
    }
}
