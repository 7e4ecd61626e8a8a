using Crm.Core.Functions;

namespace Crm.Tests.Parity;

/// <summary>One function of functions.metadata: what the catalog describes, the method it runs, and its trigger's connection setting.</summary>
public sealed record FunctionMetadata(FunctionDefinition Definition, string EntryPoint, string? Connection);
