namespace Crm.Tests.Cohorts;

/// <summary>
/// The event sweep handles every tenant's due runs, and these tests share the same dates: they run
/// one after another, so one test's sweep never sends another's event early, and each asserts on
/// its own tenant only (runs left due by earlier tests are swept too).
/// </summary>
[CollectionDefinition(Name)]
public sealed class CohortSweepCollection
{
    public const string Name = "Cohort event sweeps";
}
