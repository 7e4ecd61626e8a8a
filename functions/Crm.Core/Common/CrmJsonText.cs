using System.Text.Json;

namespace Crm.Core.Common;

/// <summary>Serializes with <see cref="CrmJson.Options"/>: the form queue messages and workflow inputs travel in.</summary>
public static class CrmJsonText
{
    public static string Of<T>(T value) => JsonSerializer.Serialize(value, CrmJson.Options);
}
