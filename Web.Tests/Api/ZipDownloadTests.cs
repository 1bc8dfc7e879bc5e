using System.IO.Compression;
using LocalityLab.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalityLab.Web.Tests.Api;

public sealed class ZipDownloadTests
{
    private static async Task<byte[]> BuildAsync(DateTimeOffset stamp)
    {
        await using var zip = new ZipDownload(stamp);
        await zip.AddTextAsync("README.md", "# a run", CancellationToken.None);
        await zip.AddAsync("round-00.npz", stream => stream.Write([1, 2, 3]), CancellationToken.None);
        var sent = Assert.IsType<FileStreamHttpResult>(await zip.SendAsync("run.zip"));
        await using var file = sent.FileStream;
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Entries_are_dated_when_the_results_were_computed_so_two_downloads_are_the_same_bytes()
    {
        var computed = new DateTimeOffset(2026, 11, 30, 8, 15, 42, TimeSpan.Zero);

        var first = await BuildAsync(computed);
        var second = await BuildAsync(computed);

        // A share link's export was compared with a member's byte for byte, and differed when the two downloads fell
        // in different seconds: each entry was dated at the download.
        Assert.Equal(first, second);
        using var zip = new ZipArchive(new MemoryStream(first));
        Assert.Equal(["README.md", "round-00.npz"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(computed.UtcDateTime, e.LastWriteTime.UtcDateTime));
    }
}
