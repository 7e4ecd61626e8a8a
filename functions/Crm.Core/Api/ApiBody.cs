using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>Reads a JSON body strictly (unknown properties are refused); an empty body is a 400 naming "body".</summary>
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

        buffer.Position = 0;
        return await JsonSerializer.DeserializeAsync<T>(buffer, CrmJson.RequestOptions, cancellationToken)
            ?? throw new CrmValidationException("body", "A JSON object is required, not null.");
    }
}
