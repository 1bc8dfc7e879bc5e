using Bunit;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Results;
using LocalityLab.Web.Designer;
using Microsoft.AspNetCore.Components.Forms;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using ExperimentSpec = LocalityLab.Shared.Experiments.ExperimentSpec;

namespace LocalityLab.Web.Tests.Components.Designer;

public sealed class SectionTests : IAsyncLifetime
{
    private readonly DesignerContext _lab = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Theory]
    [InlineData(10, 0.3)]
    [InlineData(3, 0.2)]
    [InlineData(0, 0.5)]
    public void Schedule_chart_data_equals_one_minus_one_minus_p_to_the_n_for_each_round(int rounds, double p)
    {
        var chart = _lab.Context.Render<ScheduleChart>(c => c.Add(x => x.Rounds, rounds).Add(x => x.Fraction, p));

        var traces = chart.FindComponent<PlotlyChart>().Instance.Data.Cast<Scatter>().ToList();
        var sparsity = traces.Single(t => t.Name == "sparsity");
        var remaining = traces.Single(t => t.Name == "remaining");
        Assert.Equal(Enumerable.Range(0, rounds + 1).Cast<object>(), sparsity.X);
        for (int n = 0; n <= rounds; n++)
        {
            // Closed form; 1e-12 allows only floating-point rounding.
            Assert.Equal(1 - Math.Pow(1 - p, n), (double)sparsity.Y[n], 1e-12);
            Assert.Equal(Math.Pow(1 - p, n), (double)remaining.Y[n], 1e-12);
        }
    }

    [Theory]
    [InlineData("""{"name":"x","data":{"gain":"high"}}""", "data.gain")]
    [InlineData("""{"name":"x","pruning":{"rounds":3,"fractionPerRound":0.2,"sparsity":0.5}}""", "sparsity")]
    [InlineData("""{"name":"x","model":{"activation":"sigmoid"}}""", "model.activation")]
    public void Importing_a_bad_json_file_shows_an_error_naming_the_field(string json, string field)
    {
        ExperimentSpec? imported = null;
        var panel = _lab.Context.Render<SpecFilePanel>(c => c
            .Add(x => x.Spec, new ExperimentSpec())
            .Add(x => x.Imported, (ExperimentSpec s) => imported = s));

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "bad.json"));

        var error = panel.WaitForElement("[data-testid=import-error]").TextContent;
        Assert.Contains(field, error, StringComparison.Ordinal);
        Assert.Contains("bad.json", error, StringComparison.Ordinal);
        Assert.Null(imported);
    }

    [Fact]
    public void Importing_an_exported_spec_gives_back_the_same_spec()
    {
        var spec = Shared.Experiments.ExperimentPresets.IngrossoGoldt;
        ExperimentSpec? imported = null;
        var panel = _lab.Context.Render<SpecFilePanel>(c => c
            .Add(x => x.Spec, spec)
            .Add(x => x.Imported, (ExperimentSpec s) => imported = s));

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(SpecFile.Write(spec), "ig.json"));

        panel.WaitForAssertion(() => Assert.NotNull(imported));
        Assert.Equal(SpecFile.Write(spec), SpecFile.Write(imported!));
        Assert.Empty(panel.FindAll("[data-testid=import-error]"));
    }

    [Fact]
    public void Preview_panel_renders_the_excess_kurtosis_of_the_given_preview()
    {
        var preview = Preview(excessKurtosis: -1.934);

        var panel = _lab.Context.Render<DataPreviewPanel>(c => c.Add(x => x.Preview, preview));

        Assert.Equal("-1.934", panel.Find("[data-testid=excess-kurtosis]").TextContent);
        Assert.Equal(DataPreviewPanel.SamplesShown, panel.FindAll("[data-testid=samples-0] canvas").Count);
    }

    [Fact]
    public void Preview_panel_warns_about_a_class_whose_latent_kernel_was_clipped_and_only_that_class()
    {
        var preview = Preview(excessKurtosis: -1.9);
        preview = preview with { Classes = [preview.Classes[0], preview.Classes[1] with { LatentClipping = new KernelClipping(-0.19, 0.034) }] };

        var panel = _lab.Context.Render<DataPreviewPanel>(c => c.Add(x => x.Preview, preview));

        Assert.Empty(panel.FindAll("[data-testid=kernel-clipping-0]"));
        var warning = string.Join(' ', panel.Find("[data-testid=kernel-clipping-1]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("an eigenvalue of -0.19", warning, StringComparison.Ordinal);
        Assert.Contains("up to 0.034 away", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_histogram_is_a_density_and_the_gaussian_overlay_has_the_previews_mean_and_variance()
    {
        var marginal = Preview(excessKurtosis: 0).Marginal;

        var traces = DataPreviewPanel.HistogramTraces(marginal);

        var bars = (Bar)traces[0];
        double width = marginal.BinEdges[1] - marginal.BinEdges[0];
        // Equal-width bins: the densities times the width sum to 1 (up to rounding).
        Assert.Equal(1, bars.Y.Cast<double>().Sum() * width, 1e-9);
        var gauss = (Scatter)traces[1];
        int peak = gauss.Y.Cast<double>().Select((y, i) => (y, i)).MaxBy(t => t.y).i;
        Assert.Equal(marginal.Mean, (double)gauss.X[peak], 0.05);
        Assert.Equal(1 / Math.Sqrt(2 * Math.PI * marginal.Variance), (double)gauss.Y[peak], 0.01);
    }

    [Theory]
    [InlineData("0.1, abc, 3", false, "'abc'")]
    [InlineData("8, 16.5", true, "'16.5'")]
    [InlineData("1, 1", false, "'1' is listed twice")]
    public void Sweep_values_name_the_value_they_cannot_take(string text, bool integers, string named)
    {
        var (_, error) = SweepValues.Parse(text, integers);

        Assert.NotNull(error);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_values_parse_a_comma_separated_list()
    {
        var (values, error) = SweepValues.Parse("0.1, 1, 3, 10", integers: false);

        Assert.Null(error);
        Assert.Equal([0.1, 1, 3, 10], values);
    }

    private static DataPreview Preview(double excessKurtosis)
    {
        var samples = Enumerable.Range(0, 8).Select(s => Enumerable.Range(0, 16).Select(i => (float)Math.Sin(s + i)).ToArray()).ToArray();
        int[] distances = [0, 1, 2];
        var classes = new[]
        {
            new ClassPreview(0, samples, distances, [1, 0.5, 0.2], [1, 0.52, 0.19]),
            new ClassPreview(1, samples, distances, [1, 0.8, 0.6], [1, 0.79, 0.61]),
        };
        var edges = Enumerable.Range(0, 5).Select(i => -1 + 0.5 * i).ToArray();
        return new DataPreview(InputShape.Square(4), classes, new MarginalHistogram(edges, [10, 30, 30, 10], 0, 0.3, excessKurtosis));
    }

    [Fact]
    public void The_clone_is_chosen_in_one_place_the_source_list()
    {
        var section = _lab.Context.Render<DataSection>(c => c.Add(x => x.Data, new LocalityLab.Shared.Experiments.DataSpec
        {
            Source = LocalityLab.Shared.Experiments.DataSource.GaussianClone,
        }));

        // Issue 11, defect 9: a switch and the Source list both chose it.
        Assert.DoesNotContain(section.FindComponents<MudBlazor.MudSwitch<bool>>(), s => (s.Instance.Label ?? "").Contains("clone", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("without its higher cumulants", section.Find("[data-testid=source-note]").TextContent);
    }
}
