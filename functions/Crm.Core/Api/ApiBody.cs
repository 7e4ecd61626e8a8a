using System.Text;
using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Reads a JSON body strictly (unknown properties are refused); an empty body is a 400 naming
/// "body". NDJSON bodies (one object per line) name a bad line by its number. Every error names the
/// field by its path and says what was expected in plain words (<see cref="JsonSyntax"/>,
/// <see cref="JsonShapeErrors"/>), never a .NET type.
/// </summary>
public static class ApiBody
{
    public static async Task<T> ReadAsync<T>(Stream body, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            throw new CrmValidationException("body", "A JSON body is required.");
        }

        return Parse<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw new CrmValidationException("body", "A JSON object is required, not null.");
    }

    /// <summary>One object per non-blank line; more than <paramref name="max"/> is a 400 naming <paramref name="field"/>.</summary>
    public static async Task<List<T?>> ReadNdjsonAsync<T>(Stream body, int max, string field, CancellationToken cancellationToken)
        where T : class
    {
        var records = new List<T?>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            records.Add(Parse<T>(Encoding.UTF8.GetBytes(text), $"line {line}"));

            if (records.Count > max)
            {
                throw new CrmValidationException(field, $"At most {max:N0} {field} per request.");
            }
        }

        return records;
    }

    /// <summary>One JSON value; <paramref name="prefix"/> names it in errors (e.g. "line 3" of NDJSON), "body" by default.</summary>
    public static T? Parse<T>(ReadOnlySpan<byte> json, string? prefix = null)
    {
        JsonSyntax.Check(json, CrmJson.RequestOptions, prefix);
        try
        {
            return JsonSerializer.Deserialize<T>(json, CrmJson.RequestOptions);
        }
        catch (JsonException ex)
        {
            throw JsonShapeErrors.Describe(ex, typeof(T), CrmJson.RequestOptions, prefix);
        }
    }
}
