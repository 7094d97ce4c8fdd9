using System.Net.Sockets;

namespace DistSys.Grader.Running;

/// <summary>
/// The grader's end of the protocol: a Unix socket in a folder only the grader writes. The suite host connects to it
/// before any test (and so any student code) runs, and the grader accepts that one connection only. Nothing the
/// student's code can write to the console or the standard streams reaches it.
/// </summary>
internal sealed class HostChannel : IDisposable
{
    /// <summary>Protocol lines longer than this are cut (and so never parse): a test list of a large suite is a few hundred KB.</summary>
    private const int MaxLineLength = 8 * 1024 * 1024;

    private readonly Socket listener;
    private Socket? connection;

    private HostChannel(Socket listener, string path)
    {
        this.listener = listener;
        SocketPath = path;
    }

    public string SocketPath { get; }

    public static HostChannel Listen(string folder)
    {
        var path = Path.Combine(folder, "host.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        if (OperatingSystem.IsLinux())
        {
            // Connecting needs write permission on the socket; the folder around it stays the grader's.
            File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        }

        return new HostChannel(listener, path);
    }

    /// <summary>Waits for the suite host to connect; the listener is closed afterwards so nobody else can.</summary>
    public async Task<BoundedLineReader> AcceptAsync(CancellationToken cancellation)
    {
        connection = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
        listener.Close();
        var reader = new StreamReader(new NetworkStream(connection, ownsSocket: false), new System.Text.UTF8Encoding(false));
        return new BoundedLineReader(reader, MaxLineLength);
    }

    public void Dispose()
    {
        connection?.Dispose();
        listener.Dispose();
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Removed with the sandbox folder anyway.
        }
    }
}
