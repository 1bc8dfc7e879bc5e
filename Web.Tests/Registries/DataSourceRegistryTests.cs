using Bunit;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Designer;
using LocalityLab.Web.Tests.Components;

namespace LocalityLab.Web.Tests.Registries;

/// <summary>
/// The designer reads a data source's descriptor (issue 24): a test-only source registered is offered with its label
/// and note, and the designer shows the fields it reads and no others. (Compute.Tests follows the same source through
/// validation, the engine's sampler and a run.)
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class DataSourceRegistryTests : IAsyncLifetime
{
    private sealed class ScaledNoise : DataSourceDescriptor
    {
        public override string Key => "scaledNoise";

        public override string Label => "Scaled noise (test only)";

        public override string Note => "Class 1 is class 0 twice as large.";

        public override DataFields Fields => DataFields.Geometry | DataFields.Size;
    }

    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public void A_registered_source_is_offered_with_its_note_and_shows_the_fields_it_reads()
    {
        var data = new DataSpec { Source = new DataSource("scaledNoise"), Size = 4 };
        using (DataSources.Register(new ScaledNoise()))
        {
            var section = _lab.Context.Render<DataSection>(p => p.Add(c => c.Data, data));

            Assert.Contains("Scaled noise (test only)", section.Markup, StringComparison.Ordinal);
            Assert.Equal("Class 1 is class 0 twice as large.", section.Find("[data-testid=source-note]").TextContent.Trim());
            Assert.NotEmpty(section.FindAll("[data-field='Data.Size']"));
            Assert.Empty(section.FindAll("[data-field='Data.Gain'], [data-field='Data.IsingSweeps'], [data-field='Data.ImagesPath']"));
        }

        // The built-in NLGP reads the latent field's: the same section shows them.
        var nlgp = _lab.Context.Render<DataSection>(p => p.Add(c => c.Data, data with { Source = DataSource.Nlgp }));
        Assert.NotEmpty(nlgp.FindAll("[data-field='Data.Gain']"));
        Assert.Equal("", nlgp.Find("[data-testid=source-note]").TextContent.Trim());
    }
}
