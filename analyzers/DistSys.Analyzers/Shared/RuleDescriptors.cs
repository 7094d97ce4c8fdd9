using Microsoft.CodeAnalysis;

namespace DistSys.Analyzers;

/// <summary>Builds the descriptors of the DS rules so that every rule gets the same severity, help link and tags.</summary>
internal static class RuleDescriptors
{
    public const string ConcurrencyCategory = "Concurrency";
    public const string DeterminismCategory = "Determinism";

    /// <summary>Where each rule's page lives; the docs test checks that a page exists for every rule.</summary>
    public const string HelpLinkPrefix = "https://github.com/distsys-kit/distsys-kit/blob/main/analyzers/docs/rules/";

    public static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, string description) =>
        new(id, title, messageFormat, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description,
            helpLinkUri: HelpLinkPrefix + id + ".md");
}
