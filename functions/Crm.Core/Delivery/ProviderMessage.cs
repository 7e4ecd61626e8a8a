namespace Crm.Core.Delivery;

/// <summary>One rendered message for one recipient; <see cref="Reference"/> comes back with its result.</summary>
public sealed record ProviderMessage(string Reference, string To, string Text);
