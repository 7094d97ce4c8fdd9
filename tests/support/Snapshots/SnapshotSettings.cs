using System.Text.RegularExpressions;

namespace DistSys.Testing;

/// <summary>Scrubbers and naming for one snapshot check, named like Verify's settings so a later switch is mechanical.</summary>
public sealed partial class SnapshotSettings
{
    private readonly List<Func<string, string>> _scrubbers = [];

    internal string? FileNameOverride { get; private set; }

    internal IReadOnlyList<object?>? Parameters { get; private set; }

    /// <summary>Replaces each GUID in the text with <c>Guid_1</c>, <c>Guid_2</c>… in order of first appearance.</summary>
    public SnapshotSettings ScrubInlineGuids()
    {
        _scrubbers.Add(text =>
        {
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            return GuidPattern().Replace(text, match =>
            {
                if (!seen.TryGetValue(match.Value, out var index))
                {
                    index = seen.Count + 1;
                    seen[match.Value] = index;
                }

                return $"Guid_{index}";
            });
        });
        return this;
    }

    /// <summary>Removes every line that contains any of <paramref name="fragments"/> (ordinal comparison).</summary>
    public SnapshotSettings ScrubLinesContaining(params string[] fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        _scrubbers.Add(text => string.Join(
            '\n',
            text.Split('\n').Where(line => !fragments.Any(f => line.Contains(f, StringComparison.Ordinal)))));
        return this;
    }

    /// <summary>Adds a custom scrubber, applied after the ones added before it.</summary>
    public SnapshotSettings AddScrubber(Func<string, string> scrubber)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        _scrubbers.Add(scrubber);
        return this;
    }

    /// <summary>Adds the given values to the file name (<c>Method_a=1_b=x</c>), for parameterized tests.</summary>
    public SnapshotSettings UseParameters(params object?[] values)
    {
        Parameters = values;
        return this;
    }

    /// <summary>Uses <paramref name="fileName"/> instead of <c>&lt;TestClass&gt;.&lt;TestMethod&gt;</c>.</summary>
    public SnapshotSettings UseFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FileNameOverride = fileName;
        return this;
    }

    internal string Apply(string text) => _scrubbers.Aggregate(text, (current, scrub) => scrub(current));

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
