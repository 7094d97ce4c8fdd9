using System.Globalization;
using Microsoft.CodeAnalysis;

namespace DistSys.Analyzers.Runner;

/// <summary>
/// The .NET reference assemblies analyzed code compiles against: the SDK's reference pack for the running runtime's
/// major version, falling back to the runtime's own assemblies when no SDK is installed.
/// </summary>
internal static class ReferenceAssemblies
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Loaded = new(Load);

    public static IReadOnlyList<MetadataReference> Net => Loaded.Value;

    private static List<MetadataReference> Load()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var major = Environment.Version.Major.ToString(CultureInfo.InvariantCulture);
        var refDirectory = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, major + ".*")
                .Select(version => Path.Combine(version, "ref", "net" + major + ".0"))
                .Where(Directory.Exists)
                .OrderBy(path => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var v) ? v : new Version(0, 0))
                .LastOrDefault()
            : null;
        var files = refDirectory is not null
            ? Directory.GetFiles(refDirectory, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(f => Path.GetFileName(f).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(f) is "mscorlib.dll" or "netstandard.dll").ToArray();
        return files.OrderBy(f => f, StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
