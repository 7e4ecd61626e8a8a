using Azure.Core.Serialization;
using Crm.Core.Common;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Crm.Workflows;

/// <summary>
/// The one JSON contract of Durable payloads (orchestration inputs and outputs, activity inputs and
/// results): <see cref="CrmJson.Options"/>, camelCase with enums as camelCase strings, in both hosts.
/// </summary>
public static class DurableJson
{
    /// <summary>Crm.Local's engine and the SDK's shim read and write payloads with this.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(CrmJson.Options);

    /// <summary>
    /// Crm.Functions sets the worker's serializer to this: the Durable extension serializes payloads
    /// with the worker's serializer, whatever DataConverter is registered.
    /// </summary>
    public static ObjectSerializer WorkerSerializer { get; } = new JsonObjectSerializer(CrmJson.Options);
}
