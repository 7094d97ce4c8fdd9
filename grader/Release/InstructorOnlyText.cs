namespace DistSys.Grader.Release;

/// <summary>
/// Markdown blocks that only instructors read, between a line <c>&lt;!-- instructor-only --&gt;</c> and a line
/// <c>&lt;!-- /instructor-only --&gt;</c> (HTML comments, so the instructor's copy renders normally). A release drops
/// each block with its markers.
/// </summary>
internal static class InstructorOnlyText
{
    public const string Open = "<!-- instructor-only -->";
    public const string Close = "<!-- /instructor-only -->";

    /// <summary>
    /// <paramref name="text"/> without its instructor-only blocks. Where a block sat between two blank lines, one blank
    /// line remains. Markers stand alone on their line (a marker quoted inside other text is text), in pairs, not nested.
    /// </summary>
    /// <exception cref="FormatException">A marker is unpaired or nested; the message names the file and line.</exception>
    public static string Strip(string text, string path)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline);
        var kept = new List<string>(lines.Length);
        var openedAt = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            var number = i + 1;
            if (trimmed == Open)
            {
                if (openedAt != 0)
                {
                    throw new FormatException($"{path}:{number}: {Open} inside the block opened on line {openedAt}; blocks do not nest.");
                }

                openedAt = number;
                continue;
            }

            if (trimmed == Close)
            {
                if (openedAt == 0)
                {
                    throw new FormatException($"{path}:{number}: {Close} without an {Open} before it.");
                }

                openedAt = 0;
                // One blank line where the block was, not two.
                if (i + 1 < lines.Length && lines[i + 1].Trim().Length == 0 && (kept.Count == 0 || kept[^1].Trim().Length == 0))
                {
                    i++;
                }

                continue;
            }

            if (openedAt == 0)
            {
                kept.Add(line);
            }
        }

        return openedAt != 0
            ? throw new FormatException($"{path}:{openedAt}: {Open} is never closed with {Close}.")
            : string.Join(newline, kept);
    }
}
