using System.Globalization;

namespace DistSys.Testing;

internal sealed record SnapshotPaths(string Verified, string Received)
{
    public static SnapshotPaths ForCurrentTest(string sourceFile, SnapshotSettings settings)
    {
        var test = TestContext.CurrentContext.Test;
        var directory = Path.GetDirectoryName(sourceFile);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"Snapshot files live beside the test source, but '{sourceFile}' is not a folder on this machine. " +
                "Build the tests on the machine that runs them.");
        }

        var name = settings.FileNameOverride ?? $"{ShortClassName(test.ClassName)}.{test.MethodName}{ParameterSuffix(test, settings)}";
        var stem = Path.Combine(directory, name);
        return new SnapshotPaths(stem + ".verified.txt", stem + ".received.txt");
    }

    private static string ShortClassName(string? fullName)
    {
        var name = fullName ?? "UnknownClass";
        var lastDot = name.LastIndexOf('.');
        return (lastDot < 0 ? name : name[(lastDot + 1)..]).Replace('+', '.');
    }

    private static string ParameterSuffix(TestContext.TestAdapter test, SnapshotSettings settings)
    {
        var values = settings.Parameters ?? test.Arguments;
        if (values.Count == 0)
        {
            return string.Empty;
        }

        var names = test.MethodInfo?.GetParameters().Select(p => p.Name ?? "arg").ToArray() ?? [];
        var parts = values.Select((value, i) =>
            (i < names.Length ? names[i] : $"arg{i}") + "=" + Convert.ToString(value, CultureInfo.InvariantCulture));
        return "_" + string.Join('_', parts);
    }
}
