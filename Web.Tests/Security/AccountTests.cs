using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Tests.Hosting;
using LocalityLab.Web.Tests.Runs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Web.Tests.Security;

/// <summary>First start, invitations, sign-in and sign-out, through the real forms (antiforgery included).</summary>
public sealed partial class AccountTests : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private LabFactory _lab = null!;

    public Task InitializeAsync()
    {
        _lab = new LabFactory();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    private WebApplicationFactory<Program> Logged() =>
        _lab.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_log)));

    private static HttpClient Browser(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task First_start_prints_a_setup_link_that_creates_the_first_admin_once()
    {
        var factory = Logged();
        var client = Browser(factory);
        _ = factory.Server;
        var line = _log.Lines.Single(l => l.Contains("/account/setup?token=", StringComparison.Ordinal));
        var token = SetupToken().Match(line).Groups[1].Value;
        Assert.Equal(43, token.Length); // 256 bits in base64url

        Assert.Contains("setup-invalid", await client.GetStringAsync("/account/setup?token=" + token[..^2] + "xx"));
        var response = await PostFormAsync(client, $"/account/setup?token={token}", "setup",
            new() { ["Form.UserName"] = "grace", ["Form.Password"] = LabFactory.Password, ["Form.ConfirmPassword"] = LabFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var me = await client.GetFromJsonAsync<Me>("/api/account/me");
        Assert.Equal("grace", me!.Name);
        Assert.Equal([LabRoles.Admin], me.Roles);
        // Spent: the same link no longer offers the form, and a second admin cannot be made with it.
        var again = Browser(factory);
        Assert.Contains("setup-invalid", await again.GetStringAsync($"/account/setup?token={token}"));
        Assert.False(factory.Services.GetRequiredService<FirstAdminSetup>().IsOpen);
    }

    [Fact]
    public async Task A_setup_password_too_short_is_refused_and_the_link_stays_usable()
    {
        var factory = Logged();
        var client = Browser(factory);
        _ = factory.Server;
        var token = SetupToken().Match(_log.Lines.Single(l => l.Contains("token=", StringComparison.Ordinal))).Groups[1].Value;

        var response = await PostFormAsync(client, $"/account/setup?token={token}", "setup",
            new() { ["Form.UserName"] = "grace", ["Form.Password"] = "short", ["Form.ConfirmPassword"] = "short" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Password must have 10 to 256 characters.", await response.Content.ReadAsStringAsync());
        Assert.True(factory.Services.GetRequiredService<FirstAdminSetup>().IsValid(token));
    }

    [Fact]
    public async Task A_setup_link_another_web_instance_printed_makes_no_admin_once_the_lab_has_one()
    {
        var factory = Logged();
        var client = Browser(factory);
        _ = factory.Server;
        // Another instance started while the lab had no members and printed its own link; since then, an admin was made.
        var elsewhere = factory.Services.GetRequiredService<FirstAdminSetup>().Open();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<MemberDirectory>().CreateAsync("grace", LabFactory.Password, LabRoles.Admin));
        }

        var response = await PostFormAsync(client, $"/account/setup?token={elsewhere}", "setup",
            new() { ["Form.UserName"] = "mallory", ["Form.Password"] = LabFactory.Password, ["Form.ConfirmPassword"] = LabFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The lab has its first admin already", await response.Content.ReadAsStringAsync());
        await using var check = factory.Services.CreateAsyncScope();
        var members = await check.ServiceProvider.GetRequiredService<MemberDirectory>().ListAsync(Callers.Admin("grace"), CancellationToken.None);
        Assert.Equal(["grace"], members.Select(m => m.UserName));
    }

    [Fact]
    public async Task An_invitation_link_makes_a_member_once()
    {
        var admin = await _lab.ClientAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/admin/invitations", new InvitationRequest(LabRoles.Member, 7)))
            .Content.ReadFromJsonAsync<NewInvitation>();
        var client = Browser(_lab);

        var response = await PostFormAsync(client, created!.Path, "invitation",
            new() { ["Form.UserName"] = "newton", ["Form.Password"] = LabFactory.Password, ["Form.ConfirmPassword"] = LabFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var me = await client.GetFromJsonAsync<Me>("/api/account/me");
        Assert.Equal("newton", me!.Name);
        Assert.Equal([LabRoles.Member], me.Roles);
        Assert.Contains("invitation-invalid", await Browser(_lab).GetStringAsync(created.Path));
        var invitations = await admin.GetFromJsonAsync<List<InvitationInfo>>("/api/admin/invitations");
        Assert.Equal("newton", invitations!.Single().AcceptedBy);
    }

    [Fact]
    public async Task Signing_in_through_the_form_goes_back_only_to_a_page_of_this_site()
    {
        await _lab.EnsureUserAsync("ada");
        foreach (var (returnUrl, expected) in new[] { ("/runs", "/runs"), ("https://evil.example/", "/"), ("//evil.example", "/"), ("/\\evil.example", "/") })
        {
            var client = Browser(_lab);
            var response = await PostFormAsync(client, $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login",
                new() { ["Input.UserName"] = "ada", ["Input.Password"] = LabFactory.Password });

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.Equal(new Uri(new Uri("http://localhost/"), expected), location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost/"), location));
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_pages_send_anonymous_callers_to_sign_in()
    {
        await _lab.EnsureUserAsync("ada");
        var client = Browser(_lab);

        var response = await PostFormAsync(client, "/account/login", "login", new() { ["Input.UserName"] = "ada", ["Input.Password"] = "wrong-password-123" });
        var page = await client.GetAsync("/runs");

        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_out_is_a_form_post_that_needs_its_antiforgery_token()
    {
        var client = Browser(_lab);
        await _lab.EnsureUserAsync("ada");
        await PostFormAsync(client, "/account/login", "login", new() { ["Input.UserName"] = "ada", ["Input.Password"] = LabFactory.Password });

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);

        var html = await client.GetStringAsync("/");
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_form_posts_beyond_the_limit_get_429_while_showing_the_form_stays_free()
    {
        await using var limited = new LabFactory(new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "2" });
        await limited.EnsureUserAsync("ada");
        var client = Browser(limited);
        var wrong = new Dictionary<string, string> { ["Input.UserName"] = "ada", ["Input.Password"] = "wrong-password-123" };

        var first = await PostFormAsync(client, "/account/login", "login", new(wrong));
        var second = await PostFormAsync(client, "/account/login", "login", new(wrong));
        var third = await PostFormAsync(client, "/account/login", "login", new(wrong)); // its GET is still answered

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_a_member_who_then_signs_in_with_the_first_password()
    {
        var admin = await _lab.ClientAsync("admin");

        var created = await admin.PostAsJsonAsync("/api/admin/members", new NewMemberRequest(" carol ", LabFactory.Password, LabRoles.Member));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/admin/members/carol", created.Headers.Location!.OriginalString);
        var member = await created.Content.ReadFromJsonAsync<MemberInfo>();
        Assert.Equal(("carol", LabRoles.Member), (member!.UserName, member.Role));
        var carol = Browser(_lab);
        Assert.Equal(HttpStatusCode.NoContent, (await carol.PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password))).StatusCode);
        Assert.Equal("carol", (await carol.GetFromJsonAsync<Me>("/api/account/me"))!.Name);
    }

    [Theory]
    [InlineData("carol", "short", "Member", "Password")]
    [InlineData("carol", "correct-horse-battery", "Owner", "Role")]
    [InlineData("has space", "correct-horse-battery", "Member", "UserName")]
    [InlineData("", "correct-horse-battery", "Member", "UserName")]
    [InlineData("ada", "correct-horse-battery", "Member", "UserName")] // taken
    public async Task An_admin_adding_a_member_gets_400_naming_the_field(string userName, string password, string role, string field)
    {
        await _lab.EnsureUserAsync("ada");
        var admin = await _lab.ClientAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/admin/members", new NewMemberRequest(userName, password, role));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal([field], problem!.Errors.Keys);
        var members = await admin.GetFromJsonAsync<List<MemberInfo>>("/api/admin/members");
        Assert.Equal(["ada", "admin"], members!.Select(m => m.UserName));
    }

    [Fact]
    public async Task Every_member_endpoint_answers_an_unknown_member_with_404()
    {
        var admin = await _lab.ClientAsync("admin");

        var role = await admin.PutAsJsonAsync("/api/admin/members/nobody/role", new RoleRequest(LabRoles.Member));
        var password = await admin.PutAsJsonAsync("/api/admin/members/nobody/password", new PasswordRequest("a-fine-new-password"));
        var remove = await admin.DeleteAsync("/api/admin/members/nobody");
        var badRole = await admin.PutAsJsonAsync("/api/admin/members/admin/role", new RoleRequest("Overlord"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (role.StatusCode, password.StatusCode, remove.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }

    [Fact]
    public async Task A_member_endpoint_says_no_the_one_way_a_service_refuses()
    {
        // Refusals one way (issue 24): the directory answers a Refusal, and the API turns its kind into the status.
        var admin = await _lab.ClientAsync("admin");

        var badRole = await admin.PutAsJsonAsync("/api/admin/members/admin/role", new RoleRequest("Overlord"));
        var stepDown = await admin.PutAsJsonAsync("/api/admin/members/admin/role", new RoleRequest(LabRoles.Member));
        var removeSelf = await admin.DeleteAsync("/api/admin/members/admin");
        var revoke = await admin.DeleteAsync($"/api/admin/invitations/{Guid.NewGuid()}");

        Assert.Equal(["Role"], (await badRole.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (stepDown.StatusCode, removeSelf.StatusCode, revoke.StatusCode));
        Assert.Contains("last admin cannot become a member", await stepDown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("last admin cannot be removed", await removeSelf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sets_a_forgotten_password_which_also_lifts_a_lockout()
    {
        await _lab.EnsureUserAsync("carol");
        var admin = await _lab.ClientAsync("admin");
        // Eight wrong passwords lock the account (Identity's lockout), so even the right one is refused, with the answer
        // an unknown name gets after as many attempts: which names exist is not revealed.
        for (int i = 0; i < 8; i++)
        {
            await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", "wrong-password-123"));
            await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("nobody-here", "wrong-password-123"));
        }
        var locked = await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password));
        var unknownName = await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("nobody-here", LabFactory.Password));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (locked.StatusCode, unknownName.StatusCode));
        Assert.Equal(await unknownName.Content.ReadAsStringAsync(), await locked.Content.ReadAsStringAsync());

        var tooShort = await admin.PutAsJsonAsync("/api/admin/members/carol/password", new PasswordRequest("short"));
        var unknown = await admin.PutAsJsonAsync("/api/admin/members/nobody/password", new PasswordRequest("a-fine-new-password"));
        var set = await admin.PutAsJsonAsync("/api/admin/members/carol/password", new PasswordRequest("a-fine-new-password"));

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(["Password"], (await tooShort.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", "a-fine-new-password"))).StatusCode);
    }

    [Fact]
    public async Task A_member_changes_their_password_through_the_form_and_their_other_sessions_end()
    {
        // Identity checks a session's security stamp once a minute; here at every request, so the other session ends at once.
        using var factory = _lab.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero)));
        await _lab.EnsureUserAsync("carol");
        var here = Browser(factory);
        var elsewhere = Browser(factory);
        foreach (var client in new[] { here, elsewhere })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password))).StatusCode);
        }
        const string NewPassword = "a-longer-new-password";

        var wrongCurrent = await PostFormAsync(here, "/account/password", "password", new()
        {
            ["Input.CurrentPassword"] = "not-my-password",
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        var changed = await PostFormAsync(here, "/account/password", "password", new()
        {
            ["Input.CurrentPassword"] = LabFactory.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Contains("The current password is wrong.", await wrongCurrent.Content.ReadAsStringAsync());
        Assert.Contains("password-changed", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser(factory).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Browser(factory).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", NewPassword))).StatusCode);
    }

    [Fact]
    public async Task The_password_page_sends_anonymous_callers_to_sign_in_and_refuses_a_short_new_password()
    {
        await _lab.EnsureUserAsync("carol");
        var anonymous = await Browser(_lab).GetAsync("/account/password");
        var carol = Browser(_lab);
        await carol.PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password));

        var tooShort = await PostFormAsync(carol, "/account/password", "password", new()
        {
            ["Input.CurrentPassword"] = LabFactory.Password,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Contains("New password must have 10 to 256 characters.", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Browser(_lab).PostAsJsonAsync("/api/account/login", new LoginRequest("carol", LabFactory.Password))).StatusCode);
    }

    /// <summary>Opens the form page (for its antiforgery token) and posts the fields as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value;
        fields["_handler"] = formName;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private sealed record Me(string Name, string[] Roles);

    [GeneratedRegex("token=([A-Za-z0-9_-]+)")]
    private static partial Regex SetupToken();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
