using System.IO.Compression;
using System.Text;

namespace LocalityLab.Web.Api;

/// <summary>
/// A zip download written into the response entry by entry while it is built: the first bytes leave at once and the
/// browser counts them as they come (a study's export used to be built whole in a temporary file first, and sent
/// nothing for over a minute), and no export is ever held whole in memory or on disk. Every entry is dated
/// <c>stamp</c> (when what it holds was computed), not the moment of the download, so two downloads of the same
/// results are the same bytes.
/// </summary>
public sealed class ZipDownload
{
    private readonly ZipArchive _zip;
    private readonly Spool _spool;
    private readonly Stream _body;
    private readonly DateTimeOffset _stamp;

    private ZipDownload(Stream body, DateTimeOffset stamp)
    {
        // The archive writes synchronously (an entry's deflate stream flushes in Dispose), which a response body refuses:
        // it writes into the spool, and each entry goes from there to the response asynchronously once it is complete.
        _spool = new Spool();
        _zip = new ZipArchive(_spool, ZipArchiveMode.Create, leaveOpen: true);
        _body = body;
        // A zip dates its entries in DOS time: 1980 to 2107, to the even second.
        _stamp = stamp.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : stamp;
    }

    /// <summary>
    /// Answers a download named <paramref name="fileName"/> whose entries <paramref name="build"/> adds: the status and
    /// headers go first, each entry follows as soon as it is written. A failure part-way ends the response early, so the
    /// client sees a broken download, never a complete-looking zip that lacks entries.
    /// </summary>
    public static IResult Send(string fileName, DateTimeOffset stamp, Func<ZipDownload, Task> build) =>
        Results.Stream(async body =>
        {
            var download = new ZipDownload(body, stamp);
            await build(download);
            download._zip.Dispose(); // the central directory, into the spool
            await download._spool.SendAsync(body, CancellationToken.None);
        }, "application/zip", fileName);

    public Task AddTextAsync(string name, string text, CancellationToken cancellationToken) =>
        AddAsync(name, Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task AddAsync(string name, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var entry = _zip.CreateEntry(name);
        entry.LastWriteTime = _stamp;
        using (var stream = entry.Open())
        {
            stream.Write(bytes.Span);
        }
        await _spool.SendAsync(_body, cancellationToken); // on its way now, not when the export is complete
    }

    /// <summary>An entry written by <paramref name="write"/>, which may need a seekable stream (NumPy's .npz writer does).</summary>
    public async Task AddAsync(string name, Action<Stream> write, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        write(buffer);
        await AddAsync(name, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    /// <summary>
    /// What the archive has written and the response has not yet taken: one entry at most. It cannot seek, so the
    /// archive counts its own offsets and puts each entry's sizes after its data.
    /// </summary>
    private sealed class Spool : Stream
    {
        private readonly MemoryStream _pending = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

        public override void Flush()
        {
        }

        public async Task SendAsync(Stream body, CancellationToken cancellationToken)
        {
            await body.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            await body.FlushAsync(cancellationToken);
            _pending.SetLength(0);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
