using Microsoft.CodeAnalysis;

namespace DistSys.Analyzers.Tests.Harness;

/// <summary>The .NET reference assemblies test programs compile against: the SDK's reference pack for this runtime.</summary>
internal static class ReferenceAssemblies
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Loaded = new(Load);

    public static IReadOnlyList<MetadataReference> Net => Loaded.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refDirectory = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, major + ".*")
                .Select(version => Path.Combine(version, "ref", "net" + major + ".0"))
                .Where(Directory.Exists)
                .OrderBy(path => path, StringComparer.Ordinal)
                .LastOrDefault()
            : null;
        var files = refDirectory is not null
            ? Directory.GetFiles(refDirectory, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return files.OrderBy(f => f, StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
