using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Security;

/// <summary>Issue 12, item 7: a member cannot probe the server's files through Data.ImagesPath.</summary>
public sealed class ImageFolderProbeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "localitylab-images-" + Guid.NewGuid().ToString("N"));

    public ImageFolderProbeTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "digits"));
        IdxFile.WriteImages(Path.Combine(_folder, "digits", "images.idx"),
            new IdxImages(40, 3, 3, [.. Enumerable.Range(0, 360).Select(i => (byte)(i * 53 % 241))]));
        IdxFile.WriteLabels(Path.Combine(_folder, "digits", "labels.idx"), [.. Enumerable.Range(0, 40).Select(i => (byte)(i % 2))]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ExperimentSpec Images(string imagesPath) => LabFactory.Spec() with
    {
        Data = new DataSpec
        {
            Source = DataSource.LocalImages,
            ImagesPath = imagesPath,
            LabelsPath = "digits/labels.idx",
            ImageClasses = [0, 1],
            TestSamples = 10,
            TrainingSamples = 30,
        },
        Training = LabFactory.Spec().Training with { BatchSize = 10, Epochs = 1 },
        Pruning = LabFactory.Spec().Pruning with { RewindStep = 1 },
    };

    [Fact]
    public async Task Every_path_outside_the_image_folder_gets_one_answer_and_a_name_inside_it_is_taken()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Compute:ImageFolder"] = _folder });
        var client = await lab.ClientAsync();
        var api = new RunsApi(client);
        // What the probe of issue 12 tried: a file members may not read, a device, a missing path, a way out.
        string[] probes = ["/etc/shadow", "/proc/self/mem", "/no/such/file", "../../../../etc/passwd", "digits/missing.idx", "digits"];

        var answers = new List<string>();
        foreach (var probe in probes)
        {
            var (status, _, body) = await api.SubmitAsync(Images(probe));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            using var json = JsonDocument.Parse(body);
            var errors = json.RootElement.GetProperty("errors");
            var message = Assert.Single(errors.GetProperty("Data.ImagesPath").EnumerateArray()).GetString()!;
            Assert.Single(errors.EnumerateObject());
            answers.Add(message.Replace($"'{probe}'", "'NAME'", StringComparison.Ordinal));
        }
        var accepted = await api.SubmitAsync(Images("digits/images.idx"));

        Assert.Single(answers.Distinct());
        Assert.DoesNotContain("IDX file of", answers[0]);
        Assert.DoesNotContain("I/O", answers[0]);
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        // The stored spec keeps the name the member gave, not the server's full path.
        var stored = await client.GetFromJsonAsync<ExperimentSpec>($"/api/runs/{accepted.Run!.Id}/spec", SpecJson.Options);
        Assert.Equal("digits/images.idx", stored!.Data.ImagesPath);
    }
}
