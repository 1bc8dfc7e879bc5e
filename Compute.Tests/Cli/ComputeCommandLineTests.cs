using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Shared.Experiments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Compute.Tests.Cli;

public sealed class ComputeCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("locality-cli-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<int> InvokeAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Compute:Device"] = "cpu" }).Build();
        using var services = new ServiceCollection().AddLocalityLabCompute(configuration).BuildServiceProvider();
        return await ComputeCommandLine.Create(services, _output, _error).Parse(args).InvokeAsync();
    }

    private string WriteSpec(ExperimentSpec spec)
    {
        var path = Path.Combine(_folder, "spec.json");
        File.WriteAllText(path, JsonSerializer.Serialize(spec, SpecJson.Indented));
        return path;
    }

    [Fact]
    public async Task Run_writes_the_spec_one_json_line_per_round_and_an_npz_per_round()
    {
        var spec = TestRunner.Small();
        var outDir = Path.Combine(_folder, "out");

        int exit = await InvokeAsync("run", WriteSpec(spec), "--out", outDir);

        Assert.True(exit == 0, _error.ToString());
        var lines = File.ReadAllLines(Path.Combine(outDir, "rounds.jsonl"));
        Assert.Equal(4, lines.Length);
        Assert.Equal([0, 1, 2, 3], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("round").GetInt32()));
        var stored = JsonSerializer.Deserialize<ExperimentSpec>(File.ReadAllText(Path.Combine(outDir, "spec.json")), SpecJson.Options)!;
        Assert.Equal(JsonSerializer.Serialize(spec, SpecJson.Options), JsonSerializer.Serialize(stored, SpecJson.Options));

        using var npz = ZipFile.OpenRead(Path.Combine(outDir, "round-02.npz"));
        var names = npz.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Superset(new HashSet<string> { "weights.npy", "mask.npy", "pruned_next.npy", "cavity_delta.npy", "cavity_gain.npy", "ipr.npy", "spread.npy", "excess_kurtosis.npy",
            "cavity_delta_within.npy", "cavity_gain_within.npy", "locality_index.npy", "spread_null.npy", "spread_ratio.npy", "abs_kurtosis_within.npy", "ngi.npy" }, names);
        using var weights = npz.GetEntry("weights.npy")!.Open();
        var header = ReadNpyHeader(weights);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'shape': (6, 6, 6)", header);
    }

    [Fact]
    public async Task Run_with_an_invalid_spec_names_the_field_and_writes_nothing()
    {
        var spec = TestRunner.Small() with { Data = TestRunner.Small().Data with { Gain = -1 } };
        var outDir = Path.Combine(_folder, "out");

        int exit = await InvokeAsync("run", WriteSpec(spec), "--out", outDir);

        Assert.Equal(ComputeCommandLine.BadInput, exit);
        Assert.Contains("Data.Gain must be a number in [0, 100]; got -1.", _error.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Run_with_an_unknown_preset_lists_the_presets()
    {
        int exit = await InvokeAsync("run", "--preset", "nope", "--out", _folder);

        Assert.Equal(ComputeCommandLine.BadInput, exit);
        Assert.Contains("\"Quick demo\"", _error.ToString());
    }

    [Fact]
    public async Task Sample_writes_inputs_with_labels_as_a_numpy_structured_array()
    {
        var outPath = Path.Combine(_folder, "x.npy");

        int exit = await InvokeAsync("sample", WriteSpec(TestRunner.Small()), "--n", "10", "--out", outPath);

        Assert.True(exit == 0, _error.ToString());
        using var file = File.OpenRead(outPath);
        var header = ReadNpyHeader(file);
        Assert.Contains("'descr': [('x', '<f4', (36,)), ('y', '<i4')]", header);
        Assert.Contains("'shape': (10,)", header);
        // Each record is 36 float32 then one int32 label.
        Assert.Equal(10 * (36 * 4 + 4), file.Length - file.Position);
        var labels = new List<int>();
        var record = new byte[36 * 4 + 4];
        for (int n = 0; n < 10; n++)
        {
            file.ReadExactly(record);
            labels.Add(BitConverter.ToInt32(record, 36 * 4));
        }
        Assert.Equal(5, labels.Count(l => l == 0));
        Assert.Equal(5, labels.Count(l => l == 1));
    }

    [Theory]
    [InlineData("test")]
    [InlineData("train")]
    public async Task Sample_split_writes_exactly_the_set_a_run_of_the_spec_uses(string split)
    {
        var spec = TestRunner.Small(seed: 1L + (1L << 40));
        var outPath = Path.Combine(_folder, "split.npy");

        int exit = await InvokeAsync("sample", WriteSpec(spec), "--split", split, "--out", outPath);

        Assert.True(exit == 0, _error.ToString());
        using var session = ExperimentSession.Start(spec, TorchSharp.torch.CPU, TimeProvider.System, null, CancellationToken.None);
        var set = split == "test" ? session.Data.Test : session.Data.Train!;
        var (inputs, labels) = ReadLabeledRows(outPath, 36);
        Assert.Equal(set.Inputs.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits), inputs.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(set.Labels.data<long>().ToArray().Select(l => (int)l), labels);
    }

    [Fact]
    public async Task Sample_split_refuses_n_and_train_of_an_online_spec()
    {
        var online = TestRunner.Small() with
        {
            Data = TestRunner.Small().Data with { TrainingSamples = 0 },
            Training = TestRunner.Small().Training with { Steps = 10 },
        };

        int withCount = await InvokeAsync("sample", WriteSpec(TestRunner.Small()), "--split", "test", "--n", "10", "--out", Path.Combine(_folder, "a.npy"));
        int trainOnline = await InvokeAsync("sample", WriteSpec(online), "--split", "train", "--out", Path.Combine(_folder, "b.npy"));

        Assert.Equal(ComputeCommandLine.BadInput, withCount);
        Assert.Equal(ComputeCommandLine.BadInput, trainOnline);
        Assert.Contains("--n applies to --split fresh only", _error.ToString());
        Assert.Contains("--split train: this spec trains online", _error.ToString());
        Assert.False(File.Exists(Path.Combine(_folder, "a.npy")));
        Assert.False(File.Exists(Path.Combine(_folder, "b.npy")));
    }

    [Fact]
    public async Task Sample_warns_on_the_terminal_about_a_class_whose_latent_kernel_is_clipped_and_only_then()
    {
        var clipped = TestRunner.Small() with { Data = TestRunner.Small().Data with { Size = 10, CorrelationLengths = [1, 5] } };

        int exitClipped = await InvokeAsync("sample", WriteSpec(clipped), "--n", "4", "--out", Path.Combine(_folder, "a.npy"));
        var warnings = _error.ToString();
        _error.GetStringBuilder().Clear();
        var valid = TestRunner.Small() with { Data = TestRunner.Small().Data with { CorrelationLengths = [0.8, 1.5] } };
        int exitValid = await InvokeAsync("sample", WriteSpec(valid), "--n", "4", "--out", Path.Combine(_folder, "b.npy"));

        Assert.Equal((0, 0), (exitClipped, exitValid));
        // 10 x 10 torus, xi = 5: an eigenvalue of -1.6 (FftSamplerTests); xi = 1 is valid, and so are 0.8 and 1.5 on 6 x 6.
        Assert.Contains("warning (xi = 5, p = 2): Class 1's latent kernel is not a valid covariance on this periodic lattice (an eigenvalue of -1.6)", warnings);
        Assert.DoesNotContain("Class 0", warnings);
        Assert.DoesNotContain("warning", _error.ToString());
    }

    /// <summary>The records of a labelled-rows .npy: each <paramref name="width"/> float32 inputs, then an int32 label.</summary>
    private static (float[] Inputs, int[] Labels) ReadLabeledRows(string path, int width)
    {
        using var file = File.OpenRead(path);
        ReadNpyHeader(file);
        var record = new byte[width * 4 + 4];
        var inputs = new List<float>();
        var labels = new List<int>();
        while (file.Position < file.Length)
        {
            file.ReadExactly(record);
            for (int i = 0; i < width; i++)
            {
                inputs.Add(BitConverter.ToSingle(record, 4 * i));
            }
            labels.Add(BitConverter.ToInt32(record, 4 * width));
        }
        return ([.. inputs], [.. labels]);
    }

    private static string ReadNpyHeader(Stream stream)
    {
        var prefix = new byte[10];
        stream.ReadExactly(prefix);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], prefix[..8]);
        var header = new byte[BitConverter.ToUInt16(prefix, 8)];
        stream.ReadExactly(header);
        return Encoding.ASCII.GetString(header);
    }
}
