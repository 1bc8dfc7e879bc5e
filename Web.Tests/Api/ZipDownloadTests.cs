using System.IO.Compression;
using System.Text;
using LocalityLab.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Api;

public sealed class ZipDownloadTests
{
    private static readonly DateTimeOffset Computed = new(2026, 11, 30, 8, 15, 42, TimeSpan.Zero);

    /// <summary>A response body as Kestrel's is: no seeking, and no synchronous writes or flushes (they throw).</summary>
    private sealed class ResponseBody : Stream
    {
        private readonly MemoryStream _sent = new();
        private readonly object _gate = new();

        public byte[] Sent
        {
            get
            {
                lock (_gate)
                {
                    return _sent.ToArray();
                }
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _sent.Write(buffer.Span);
            }
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    private static (HttpContext Context, ResponseBody Body) Response()
    {
        var body = new ResponseBody();
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = body;
        return (context, body);
    }

    private static async Task<byte[]> DownloadAsync(DateTimeOffset stamp)
    {
        var (context, body) = Response();
        await ZipDownload.Send("run.zip", stamp, async zip =>
        {
            await zip.AddTextAsync("README.md", "# a run", CancellationToken.None);
            await zip.AddAsync("round-00.npz", stream => stream.Write([1, 2, 3]), CancellationToken.None);
        }).ExecuteAsync(context);
        Assert.Equal("application/zip", context.Response.ContentType);
        Assert.Contains("run.zip", context.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        return body.Sent;
    }

    [Fact]
    public async Task Entries_are_dated_when_the_results_were_computed_so_two_downloads_are_the_same_bytes()
    {
        var first = await DownloadAsync(Computed);
        var second = await DownloadAsync(Computed);

        // A share link's export was compared with a member's byte for byte, and differed when the two downloads fell
        // in different seconds: each entry was dated at the download.
        Assert.Equal(first, second);
        using var zip = new ZipArchive(new MemoryStream(first));
        Assert.Equal(["README.md", "round-00.npz"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(Computed.UtcDateTime, e.LastWriteTime.UtcDateTime));
        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Equal("# a run", await readme.ReadToEndAsync());
    }

    [Fact]
    public async Task Each_entry_is_sent_as_soon_as_it_is_written_while_the_rest_is_still_being_built()
    {
        // Issue 23, item 9: a study's export.zip was built whole before its first byte left (68 s of nothing).
        var (context, body) = Response();
        var firstWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sending = ZipDownload.Send("study.zip", Computed, async zip =>
        {
            await zip.AddTextAsync("study.json", "{}", CancellationToken.None);
            firstWritten.SetResult();
            await release.Task; // the rest of the export, still being built
            await zip.AddTextAsync("README.md", "# a study", CancellationToken.None);
        }).ExecuteAsync(context);

        await firstWritten.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var early = body.Sent;
        Assert.Equal("PK\u0003\u0004", Encoding.ASCII.GetString(early, 0, 4)); // a zip's first local file header
        Assert.Contains("study.json", Encoding.ASCII.GetString(early), StringComparison.Ordinal);
        Assert.DoesNotContain("README.md", Encoding.ASCII.GetString(early), StringComparison.Ordinal);
        Assert.False(sending.IsCompleted);

        release.SetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        using var zip = new ZipArchive(new MemoryStream(body.Sent));
        Assert.Equal(["study.json", "README.md"], zip.Entries.Select(e => e.FullName));
    }
}
