namespace Crm.Tests.EndToEnd.Fuzz;

/// <summary>
/// The real things a generated request may name when it aims to be valid. <see cref="Tenant"/> holds
/// the credits being watched and has no sender number, so no campaign of it can be paid; requests
/// that would change a tenant's setup (its settings, sender numbers) go to <see cref="SpareTenant"/>.
/// </summary>
public sealed record FuzzTarget(string Tenant, string SpareTenant, string Phone, string GroupId, string OptOutLine);
