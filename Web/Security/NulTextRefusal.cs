using System.Buffers;
using System.Text;
using System.Text.Json;
using LocalityLab.Shared.Workers;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalityLab.Web.Security;

/// <summary>
/// Refuses text holding U+0000 wherever it enters over HTTP (a query, a form, a JSON body) with 400 naming the field:
/// PostgreSQL's text cannot store it, so a NUL in a sign-in name, a run's or study's name, a search or a share link's
/// label came back as a 500 from the store. Checked once, here, before any endpoint or store sees it. JSON bodies over
/// <see cref="MaxScannedBytes"/>, and a worker's streamed round uploads, are left to their endpoints, which read them
/// field by field.
/// </summary>
public sealed class NulTextRefusal(RequestDelegate next)
{
    /// <summary>The largest JSON body scanned: a spec or a study is a few KB.</summary>
    public const int MaxScannedBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (await FieldWithNulAsync(context.Request) is { } field)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [field] = [$"{field} must not contain the NUL character (U+0000)."],
            }).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static async Task<string?> FieldWithNulAsync(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(HasNul))
            {
                return FieldName(key);
            }
        }
        bool form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (form || request.HasJsonContentType())
        {
            if (request.ContentLength > MaxScannedBytes || (request.ContentLength is null && request.Path.StartsWithSegments(WorkerRoutes.Root)))
            {
                return null;
            }
            request.EnableBuffering();
            var body = ArrayPool<byte>.Shared.Rent(MaxScannedBytes + 1);
            try
            {
                int read = await request.Body.ReadAtLeastAsync(body.AsMemory(0, MaxScannedBytes + 1), MaxScannedBytes + 1, throwOnEndOfStream: false,
                    request.HttpContext.RequestAborted);
                request.Body.Position = 0;
                return read > MaxScannedBytes ? null
                    : form ? FormFieldWithNul(Encoding.UTF8.GetString(body, 0, read))
                    : JsonFieldWithNul(body.AsSpan(0, read));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
        return null;
    }

    // ASP.NET's own form reader throws at a NUL ("The form value contains invalid characters", a 500) without naming
    // the field, so the form is read here as the query is.
    private static string? FormFieldWithNul(string body)
    {
        foreach (var (key, values) in QueryHelpers.ParseQuery(body))
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(HasNul))
            {
                return FieldName(key);
            }
        }
        return null;
    }

    private static bool HasNul(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;

    /// <summary>The path of the first JSON string (value or property name) holding U+0000, as the lab names fields ("Data.ImagesPath").</summary>
    internal static string? JsonFieldWithNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<string>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        if (HasNul(property))
                        {
                            return FieldName(string.Join('.', path.Append(property!).Where(p => p.Length > 0)));
                        }
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth > 0)
                        {
                            path.Add(property ?? ""); // an array's element is named by its array
                        }
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (reader.CurrentDepth > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }
                        property = null;
                        break;
                    case JsonTokenType.String:
                        if (HasNul(reader.GetString()))
                        {
                            return FieldName(string.Join('.', path.Append(property ?? "").Where(p => p.Length > 0)));
                        }
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the endpoint's own binding says so.
        }
        return null;
    }

    /// <summary>A field as the lab's messages name it: each segment capitalised ("data.imagesPath" is "Data.ImagesPath"), U+0000 shown.</summary>
    private static string FieldName(string key)
    {
        var name = new StringBuilder();
        foreach (var segment in key.Replace("\0", "\\0", StringComparison.Ordinal).Split('.'))
        {
            if (name.Length > 0)
            {
                name.Append('.');
            }
            name.Append(segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..]);
        }
        return name.Length == 0 ? "Body" : name.ToString();
    }
}
