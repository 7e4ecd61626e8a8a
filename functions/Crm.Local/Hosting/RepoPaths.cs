namespace Crm.Local.Hosting;

/// <summary>Finds the repository root (where host.json and package.json live) from wherever the host runs.</summary>
public static class RepoPaths
{
    public static string? FindRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
