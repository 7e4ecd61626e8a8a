using Crm.Core.Common;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Crm.Workflows;

/// <summary>
/// The one JSON contract of Durable payloads (orchestration inputs and outputs, activity inputs and
/// results): <see cref="CrmJson.Options"/>, camelCase with enums as camelCase strings. Crm.Functions
/// sets the worker's serializer to the same options, so Azure reads what Crm.Local writes and back.
/// </summary>
public static class DurableJson
{
    public static DataConverter Converter { get; } = new JsonDataConverter(CrmJson.Options);
}
