using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Reads a JSON body strictly (unknown properties are refused); an empty body is a 400 naming
/// "body". Every error names the field by its path and says what was expected in plain words
/// (<see cref="JsonSyntax"/>, <see cref="JsonShapeErrors"/>), never a .NET type.
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
