using System.Security.Claims;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Templates;
using LocalityLab.Web.Tests.Components;
using LocalityLab.Web.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Templates;

/// <summary>The templates' service takes its caller and decides: each member's own templates, the same checks for the designer and the API.</summary>
public sealed class TemplateServiceTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private TemplateService Service => _lab.Context.Services.GetRequiredService<TemplateService>();

    private static ClaimsPrincipal Member(string name, string role = LabRoles.Member) => Callers.Member(name, role);

    [Fact]
    public async Task A_member_sees_and_deletes_their_own_templates_only()
    {
        var ada = Member("ada");
        var bob = Member("bob");
        Assert.Empty(await Service.SaveAsync(ada, "narrow", LabFactory.Spec() with { Name = "narrow" }, CancellationToken.None));
        Assert.Empty(await Service.SaveAsync(bob, "wide", LabFactory.Spec() with { Name = "wide" }, CancellationToken.None));

        Assert.Equal(["narrow"], (await Service.ListAsync(ada, CancellationToken.None)).Select(t => t.Name));
        Assert.Equal(["wide"], (await Service.ListAsync(bob, CancellationToken.None)).Select(t => t.Name));
        var notBobs = await Service.DeleteAsync(bob, "narrow", CancellationToken.None);
        Assert.Equal((RefusalKind.NotFound, "You have no template named 'narrow'."), (notBobs!.Kind, notBobs.Message));
        Assert.Null(await Service.DeleteAsync(ada, "narrow", CancellationToken.None));
        Assert.Empty(await Service.ListAsync(ada, CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_name_or_spec_is_refused_by_field_and_nothing_is_saved()
    {
        var ada = Member("ada");

        var name = await Service.SaveAsync(ada, new string('x', TemplateService.MaxNameLength + 1), LabFactory.Spec() with { Name = "long" }, CancellationToken.None);
        var spec = await Service.SaveAsync(ada, "broken", LabFactory.Spec() with { Name = "broken" } with { Seed = -1 }, CancellationToken.None);

        Assert.Equal("Name", Assert.Single(name).Field);
        Assert.Contains(spec, e => e.Field == "Seed");
        Assert.Empty(await Service.ListAsync(ada, CancellationToken.None));
    }

    [Fact]
    public async Task Anyone_but_a_signed_in_member_is_refused()
    {
        var anonymous = Callers.Anonymous;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ListAsync(anonymous, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.SaveAsync(anonymous, "x", LabFactory.Spec() with { Name = "x" }, CancellationToken.None));
    }
}
