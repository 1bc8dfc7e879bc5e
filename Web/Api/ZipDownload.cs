using System.IO.Compression;
using System.Text;

namespace LocalityLab.Web.Api;

/// <summary>
/// A zip download built entry by entry in a temporary file, deleted once the response has sent it: a zip's writer
/// needs a seekable stream, and a large export's arrays need not sit in memory. Dispose it if it is never sent. Every
/// entry is dated <c>stamp</c> (when what it holds was computed), not the moment of the download, so two downloads
/// of the same results are the same bytes.
/// </summary>
public sealed class ZipDownload : IAsyncDisposable
{
    private readonly DateTimeOffset _stamp;

    private readonly FileStream _file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private readonly ZipArchive _zip;
    private bool _sent;

    public ZipDownload(DateTimeOffset stamp)
    {
        _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
        // A zip dates its entries in DOS time: 1980 to 2107, to the even second.
        _stamp = stamp.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : stamp;
    }

    public Task AddTextAsync(string name, string text, CancellationToken cancellationToken) =>
        AddAsync(name, Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task AddAsync(string name, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var entry = _zip.CreateEntry(name);
        entry.LastWriteTime = _stamp;
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>An entry written by <paramref name="write"/>, which may need a seekable stream (NumPy's .npz writer does).</summary>
    public async Task AddAsync(string name, Action<Stream> write, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        write(buffer);
        await AddAsync(name, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    /// <summary>Closes the archive and answers it as a download named <paramref name="fileName"/>; the file goes when sent.</summary>
    public async Task<IResult> SendAsync(string fileName)
    {
        await _zip.DisposeAsync();
        _file.Position = 0;
        _sent = true;
        return Results.File(_file, "application/zip", fileName);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_sent)
        {
            await _zip.DisposeAsync();
            await _file.DisposeAsync();
        }
    }
}
