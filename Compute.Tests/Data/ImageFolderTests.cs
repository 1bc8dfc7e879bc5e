using LocalityLab.Compute.Data;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Experiments;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly TemporaryFolder _outside = new();
    private readonly ImageFolder _folder;

    public ImageFolderTests()
    {
        _folder = new ImageFolder(_root.Path);
        Directory.CreateDirectory(_root.File("mnist"));
        // 40 images of 2 x 2 pixels, labels 1 and 2 alternating.
        IdxFile.WriteImages(_root.File("mnist/images.idx"),
            new IdxImages(40, 2, 2, [.. Enumerable.Range(0, 160).Select(i => (byte)(i * 37 % 251))]));
        IdxFile.WriteLabels(_root.File("mnist/labels.idx"), [.. Enumerable.Range(0, 40).Select(i => (byte)(1 + i % 2))]);
        File.WriteAllText(_outside.File("secret"), "not for members");
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private static DataSpec Images(string? images, string? labels = "mnist/labels.idx") => new()
    {
        Source = DataSource.LocalImages,
        ImagesPath = images,
        LabelsPath = labels,
        ImageClasses = [1, 2],
        TestSamples = 10,
        TrainingSamples = 30,
    };

    private static ExperimentSpec Small() => TestRunner.Small() with { Training = TestRunner.Small().Training with { BatchSize = 10 } };

    [Fact]
    public void Names_inside_the_folder_become_full_paths_there()
    {
        var located = _folder.Locate(Images("mnist/images.idx"));

        Assert.Equal(_root.File("mnist/images.idx"), located.ImagesPath);
        Assert.Equal(_root.File("mnist/labels.idx"), located.LabelsPath);
        // "./" and a ".." that stays inside are the same file.
        Assert.Equal(_root.File("mnist/images.idx"), _folder.Locate(Images("./mnist/../mnist/images.idx")).ImagesPath);
    }

    [Fact]
    public void A_generative_source_is_left_as_it_is()
    {
        var nlgp = new DataSpec { ImagesPath = "/etc/shadow" };

        Assert.Same(nlgp, _folder.Locate(nlgp));
    }

    [Fact]
    public void Every_path_outside_the_folder_missing_or_unreadable_gets_the_same_message()
    {
        Directory.CreateDirectory(_root.File("a-folder"));
        File.CreateSymbolicLink(_root.File("out-link"), _outside.File("secret"));
        File.CreateSymbolicLink(_root.File("dangling"), _root.File("gone"));
        Directory.CreateSymbolicLink(_root.File("out-folder"), _outside.Path);
        string[] refused =
        [
            "/etc/shadow", // rooted
            "/proc/self/mem",
            _root.File("mnist/images.idx"), // rooted, even inside
            "../" + Path.GetFileName(_outside.Path) + "/secret", // leaves the folder
            "mnist/../../etc/passwd",
            "missing.idx",
            "a-folder", // a folder, not a file
            "out-link", // a link to a file outside
            "out-folder/secret", // through a folder link outside
            "dangling", // a link to nothing
            "",
            "   ",
        ];

        var messages = refused.Select(name =>
        {
            var error = Assert.Throws<ImageFileRefusedException>(() => _folder.Locate(Images(name)));
            Assert.Equal("Data.ImagesPath", error.Field);
            return error.Message.Replace($"'{name}'", "'NAME'", StringComparison.Ordinal);
        }).ToList();

        // One message whatever the reason, so a member learns nothing about the server's other files.
        Assert.Single(messages.Distinct());
        Assert.StartsWith("Data.ImagesPath: 'NAME' is not a readable file in the lab's image folder.", messages[0]);
        Assert.DoesNotContain("shadow", messages[0]);
    }

    [Fact]
    public void The_labels_file_is_held_to_the_same_rule_and_named()
    {
        var error = Assert.Throws<ImageFileRefusedException>(() => _folder.Locate(Images("mnist/images.idx", "/etc/passwd")));

        Assert.Equal("Data.LabelsPath", error.Field);
        Assert.StartsWith("Data.LabelsPath: '/etc/passwd'", error.Message);
    }

    [Fact]
    public void Admission_answers_a_probe_with_the_field_and_the_one_message_not_the_file_kind()
    {
        var admission = TestRunner.Admission(Options.Create(new ComputeOptions()), _root.Path);
        var spec = Small() with { Data = Images("/etc/shadow") };

        var errors = admission.Check(spec);

        var error = Assert.Single(errors);
        Assert.Equal("Data.ImagesPath", error.Field);
        Assert.DoesNotContain("IDX file of", error.Message);
        Assert.Empty(admission.Check(spec with { Data = Images("mnist/images.idx") }));
    }

    [Fact]
    public async Task A_run_reads_its_images_from_the_folder_by_name()
    {
        var spec = Small() with
        {
            Data = Images("mnist/images.idx"),
            Pruning = new PruningSpec { Rounds = 1, FractionPerRound = 0.2, Rewind = RewindKind.Step, RewindStep = 2 },
        };

        var rounds = await TestRunner.CollectAsync(TestRunner.Create(imageFolder: _root.Path), spec);

        Assert.Equal(2, rounds.Count);
        // The 2 x 2 images of the file: every unit's receptive field has 4 weights.
        Assert.Equal(new Shared.Results.InputShape(2, 2), rounds[0].Arrays!.Shape);
        await Assert.ThrowsAsync<LocalityLab.Shared.Engine.ExperimentRejectedException>(() =>
            TestRunner.CollectAsync(TestRunner.Create(), spec));
    }
}
