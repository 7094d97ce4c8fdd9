using System.Text;
using DiffPlex;

namespace DistSys.Testing;

/// <summary>Formats a line diff in the unified format (<c>@@ -a,b +c,d @@</c> hunks with three lines of context).</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string expected, string actual)
    {
        // A final newline ends the last line; it does not start an empty one.
        var expectedBody = expected.EndsWith('\n') ? expected[..^1] : expected;
        var actualBody = actual.EndsWith('\n') ? actual[..^1] : actual;
        if (expectedBody == actualBody)
        {
            return expected == actual ? string.Empty : "(the texts differ only in the newline at the end)\n";
        }

        var diff = new Differ().CreateLineDiffs(expectedBody, actualBody, ignoreWhitespace: false, ignoreCase: false);
        var oldLines = diff.PiecesOld;
        var newLines = diff.PiecesNew;
        var output = new StringBuilder();

        var blocks = diff.DiffBlocks;
        var index = 0;
        while (index < blocks.Count)
        {
            // Merge blocks whose context windows overlap into one hunk.
            var first = blocks[index];
            var last = index;
            while (last + 1 < blocks.Count &&
                   blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context)
            {
                last++;
            }

            var oldStart = Math.Max(0, first.DeleteStartA - Context);
            var newStart = Math.Max(0, first.InsertStartB - Context);
            var oldEnd = Math.Min(oldLines.Length, blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
            var newEnd = Math.Min(newLines.Length, blocks[last].InsertStartB + blocks[last].InsertCountB + Context);
            output.Append("@@ -").Append(oldStart + 1).Append(',').Append(oldEnd - oldStart)
                .Append(" +").Append(newStart + 1).Append(',').Append(newEnd - newStart).Append(" @@\n");

            var oldCursor = oldStart;
            for (var b = index; b <= last; b++)
            {
                var block = blocks[b];
                for (; oldCursor < block.DeleteStartA; oldCursor++)
                {
                    output.Append("  ").Append(oldLines[oldCursor]).Append('\n');
                }

                for (var i = 0; i < block.DeleteCountA; i++)
                {
                    output.Append("- ").Append(oldLines[block.DeleteStartA + i]).Append('\n');
                }

                for (var i = 0; i < block.InsertCountB; i++)
                {
                    output.Append("+ ").Append(newLines[block.InsertStartB + i]).Append('\n');
                }

                oldCursor = block.DeleteStartA + block.DeleteCountA;
            }

            for (; oldCursor < oldEnd; oldCursor++)
            {
                output.Append("  ").Append(oldLines[oldCursor]).Append('\n');
            }

            index = last + 1;
        }

        return output.ToString();
    }
}
