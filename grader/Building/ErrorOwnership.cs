namespace DistSys.Grader.Building;

/// <summary>Decides which exercise a build error belongs to; errors that belong to none are the kit's own.</summary>
internal static class ErrorOwnership
{
    private static readonly string[] ExerciseRoots = ["exercises/", "tests/", "solutions/"];

    /// <summary>The slug whose stub, suite or reference solution the error is in; null for the kit's shared code.</summary>
    public static string? OwnerOf(CompilerError error, IReadOnlySet<string> slugs) =>
        SlugIn(error.File, slugs) ?? SlugIn(error.Project, slugs);

    private static string? SlugIn(string? path, IReadOnlySet<string> slugs)
    {
        if (path is null)
        {
            return null;
        }

        var normalized = path.Replace('\\', '/');
        foreach (var root in ExerciseRoots)
        {
            if (!normalized.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = normalized[root.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var slug = slash < 0 ? null : rest[..slash];
            return slug is not null && slugs.Contains(slug) ? slug : null;
        }

        return null;
    }
}
