using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Core.Common;

/// <summary>The one JSON shape of the CRM: HTTP bodies, queue messages and workflow history.</summary>
public static class CrmJson
{
    public static JsonSerializerOptions Options { get; } = Create(strict: false);

    /// <summary>For request bodies: a property the API does not know is an error, not silently dropped.</summary>
    public static JsonSerializerOptions RequestOptions { get; } = Create(strict: true);

    /// <summary>Reads a queue message or workflow payload; a null body is as malformed as bad JSON.</summary>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, got null.");

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Korean text stays readable in bodies and logs instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowOutOfOrderMetadataProperties = true,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
