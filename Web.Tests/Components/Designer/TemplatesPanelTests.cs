using Bunit;
using LocalityLab.Web.Designer;

namespace LocalityLab.Web.Tests.Components.Designer;

public sealed class TemplatesPanelTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public void No_templates_yet_is_quiet_grey_text_not_an_error_colour()
    {
        var panel = _lab.Context.Render<TemplatesPanel>();

        var note = panel.Find("[data-testid=no-templates]");

        // Issue 11, defect 9: it was Color.Secondary, the theme's pink-red.
        Assert.Contains("mud-text-secondary", note.ClassList);
        Assert.DoesNotContain(note.ClassList, c => c is "mud-secondary-text" or "mud-error-text");
    }
}
