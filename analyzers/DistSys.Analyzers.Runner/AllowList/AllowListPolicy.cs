using System.Collections.Concurrent;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DistSys.Analyzers.Runner.AllowList;

/// <summary>
/// Which .NET APIs exercise code may use: the defaults for every exercise plus each exercise's additions, read from the
/// kit's one reviewed file <c>grader/allowed-apis.yaml</c> (the file documents the matching rules).
/// </summary>
public sealed class AllowListPolicy
{
    /// <summary>The file inside a kit that holds the policy.</summary>
    public const string KitRelativePath = "grader/allowed-apis.yaml";

    /// <summary>The id of a refusal that no specific entry explains: the API is simply not on the list.</summary>
    public const string NotAllowedId = "DS110";

    /// <summary>The reason given with <see cref="NotAllowedId"/>.</summary>
    public const string NotAllowedReason = "it is not on this exercise's allow-list (grader/allowed-apis.yaml)";

    private readonly IReadOnlyList<Entry> _defaults;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Entry>> _exercises;
    private readonly ConcurrentDictionary<string, ExercisePolicy> _perExercise = new(StringComparer.Ordinal);

    private AllowListPolicy(IReadOnlyList<Entry> defaults, IReadOnlyDictionary<string, IReadOnlyList<Entry>> exercises, string source)
    {
        _defaults = defaults;
        _exercises = exercises;
        Source = source;
    }

    /// <summary>Where the policy was read from (a path, or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>The exercises with entries of their own, in ordinal order.</summary>
    public IReadOnlyList<string> ExerciseSlugs => [.. _exercises.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The policy of the kit at <paramref name="kitRoot"/> (its <see cref="KitRelativePath"/>).</summary>
    /// <exception cref="AllowListPolicyException">The file is missing or malformed.</exception>
    public static AllowListPolicy LoadFromKit(string kitRoot) => Load(Path.Combine(kitRoot, KitRelativePath));

    /// <summary>Reads the policy file at <paramref name="path"/>.</summary>
    /// <exception cref="AllowListPolicyException">The file is missing, unreadable or malformed.</exception>
    public static AllowListPolicy Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AllowListPolicyException($"Cannot read the API allow-list {path}: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses policy text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="AllowListPolicyException">The text is malformed: unknown key, bad entry, unknown id or set.</exception>
    public static AllowListPolicy Parse(string yaml, string source)
    {
        Document document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<Document?>(yaml) ?? new Document();
        }
        catch (YamlException error)
        {
            var reason = (error.InnerException ?? error).Message;
            throw new AllowListPolicyException($"{source}({error.Start.Line},{error.Start.Column}): {reason}", error);
        }

        var sets = (document.Sets ?? []).ToDictionary(pair => pair.Key, pair => pair.Value ?? [], StringComparer.Ordinal);
        var defaults = new List<Entry>();
        defaults.AddRange(Allowed(document.Allow, exerciseLevel: false, "allow", source));
        defaults.AddRange(Refused(document.Refuse, exerciseLevel: false, "refuse", source));
        var exercises = new Dictionary<string, IReadOnlyList<Entry>>(StringComparer.Ordinal);
        foreach (var (slug, exercise) in document.Exercises ?? [])
        {
            var entries = new List<Entry>();
            foreach (var set in exercise?.Sets ?? [])
            {
                if (!sets.TryGetValue(set, out var apis))
                {
                    throw new AllowListPolicyException($"{source}: exercises.{slug}.sets names '{set}', which is not defined under sets.");
                }
                entries.AddRange(Allowed(apis, exerciseLevel: true, $"sets.{set}", source));
            }
            entries.AddRange(Allowed(exercise?.Allow, exerciseLevel: true, $"exercises.{slug}.allow", source));
            entries.AddRange(Refused(exercise?.Refuse, exerciseLevel: true, $"exercises.{slug}.refuse", source));
            exercises[slug] = entries;
        }
        return new AllowListPolicy(defaults, exercises, source);
    }

    /// <summary>The decision procedure for one exercise (its entries on top of the defaults).</summary>
    internal ExercisePolicy For(string slug) => _perExercise.GetOrAdd(slug, s =>
        new ExercisePolicy([.. _defaults, .. _exercises.TryGetValue(s, out var own) ? own : []]));

    private static IEnumerable<Entry> Allowed(List<string>? apis, bool exerciseLevel, string where, string source) =>
        (apis ?? []).Select(api => Entry.Create(api, exerciseLevel, refuse: false, id: string.Empty, why: string.Empty, where, source));

    private static IEnumerable<Entry> Refused(Dictionary<string, List<RefusalGroup>?>? refusals, bool exerciseLevel, string where, string source)
    {
        foreach (var (id, groups) in refusals ?? [])
        {
            if (!AllowListRules.Ids.Contains(id))
            {
                throw new AllowListPolicyException($"{source}: {where} uses the id '{id}'; the allow-list ids are {string.Join(", ", AllowListRules.Ids)}.");
            }
            foreach (var group in groups ?? [])
            {
                if (string.IsNullOrWhiteSpace(group?.Why))
                {
                    throw new AllowListPolicyException($"{source}: every group under {where}.{id} needs a 'why' (it is shown to the student).");
                }
                foreach (var api in group.Apis ?? [])
                {
                    yield return Entry.Create(api, exerciseLevel, refuse: true, id, group.Why.Trim(), $"{where}.{id}", source);
                }
            }
        }
    }

    // The YAML shapes. Unknown keys make YamlDotNet throw, so a typo is reported rather than silently ignored.
    private sealed class Document
    {
        public List<string>? Allow { get; set; }

        public Dictionary<string, List<RefusalGroup>?>? Refuse { get; set; }

        public Dictionary<string, List<string>?>? Sets { get; set; }

        public Dictionary<string, ExerciseDocument?>? Exercises { get; set; }
    }

    private sealed class RefusalGroup
    {
        public string? Why { get; set; }

        public List<string>? Apis { get; set; }
    }

    private sealed class ExerciseDocument
    {
        public List<string>? Sets { get; set; }

        public List<string>? Allow { get; set; }

        public Dictionary<string, List<RefusalGroup>?>? Refuse { get; set; }
    }
}

/// <summary>The allow-list file is missing or malformed. The message names the file and the offending key or entry.</summary>
public sealed class AllowListPolicyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One line of the policy: a name pattern and what it decides.</summary>
internal sealed record Entry(string Pattern, string[] Parts, bool Wildcard, bool ExerciseLevel, bool Refuse, string Id, string Why)
{
    public static Entry Create(string pattern, bool exerciseLevel, bool refuse, string id, string why, string where, string source)
    {
        var text = pattern?.Trim() ?? string.Empty;
        var wildcard = text.EndsWith(".*", StringComparison.Ordinal);
        var parts = (wildcard ? text[..^2] : text).Split('.');
        if (text.Length == 0 || parts.Any(part => !IsNamePart(part)))
        {
            throw new AllowListPolicyException(
                $"{source}: '{pattern}' under {where} is not an API name (Namespace.Type.Member, optionally ending in .*; constructors are #ctor).");
        }
        return new Entry(text, parts, wildcard, exerciseLevel, refuse, id, why);
    }

    private static bool IsNamePart(string part) =>
        part is "#ctor" or "#cctor" || (part.Length > 0 && !char.IsDigit(part[0]) && part.All(c => char.IsLetterOrDigit(c) || c == '_'));

    /// <summary>How specific the entry is for <paramref name="name"/>, or -1 when it does not match.</summary>
    public int Specificity(IReadOnlyList<string> name)
    {
        if (Parts.Length > name.Count || (Wildcard && Parts.Length == name.Count))
        {
            return -1;
        }
        for (var i = 0; i < Parts.Length; i++)
        {
            if (!string.Equals(Parts[i], name[i], StringComparison.Ordinal))
            {
                return -1;
            }
        }
        // Ordering: more parts; then A.B.* over A.B; then an exercise's entry over a default; then refuse over allow.
        return (Parts.Length * 8) + (Wildcard ? 4 : 0) + (ExerciseLevel ? 2 : 0) + (Refuse ? 1 : 0);
    }
}

/// <summary>The entries in force for one exercise, with a cache of decisions by API name.</summary>
internal sealed class ExercisePolicy(IReadOnlyList<Entry> entries)
{
    private readonly ConcurrentDictionary<string, Entry?> _decisions = new(StringComparer.Ordinal);

    /// <summary>The entry that decides <paramref name="name"/> (parts of Namespace.Type.Member), or null when none matches.</summary>
    public Entry? Decide(string[] name) => _decisions.GetOrAdd(string.Join('.', name), _ =>
    {
        Entry? best = null;
        var bestScore = -1;
        foreach (var entry in entries)
        {
            var score = entry.Specificity(name);
            if (score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }
        return best;
    });
}
