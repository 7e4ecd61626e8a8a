using System.Text.Json.Serialization;

namespace Crm.Providers.Solapi.Wire;

/// <summary>Solapi's JSON: camelCase, absent optional fields left out, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SolapiCreateGroupRequest))]
[JsonSerializable(typeof(SolapiAddMessagesRequest))]
[JsonSerializable(typeof(SolapiDeleteMessagesRequest))]
[JsonSerializable(typeof(SolapiGroup))]
[JsonSerializable(typeof(SolapiMessageList))]
[JsonSerializable(typeof(SolapiErrorResponse))]
internal sealed partial class SolapiJsonContext : JsonSerializerContext;
