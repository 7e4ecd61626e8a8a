namespace Crm.Tests.Fixtures;

/// <summary>A running Crm.Local the end-to-end tests drive over HTTP: its client (base address …/api/) and its console output.</summary>
public interface ICrmHost
{
    HttpClient Http { get; }

    string Output { get; }

    Task<T?> GetAsync<T>(string path);
}
