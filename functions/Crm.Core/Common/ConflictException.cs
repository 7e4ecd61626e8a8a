namespace Crm.Core.Common;

/// <summary>The request is valid but the resource's state forbids it (e.g. cancelling a finished campaign): a 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
