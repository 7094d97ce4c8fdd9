using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>The framework types the rules look for, resolved once per compilation.</summary>
internal sealed class KnownTypes
{
    private KnownTypes(Compilation compilation)
    {
        INamedTypeSymbol? Get(string metadataName) => compilation.GetTypeByMetadataName(metadataName);
        Monitor = Get("System.Threading.Monitor");
        Interlocked = Get("System.Threading.Interlocked");
        Volatile = Get("System.Threading.Volatile");
        Thread = Get("System.Threading.Thread");
        ThreadPool = Get("System.Threading.ThreadPool");
        ThreadingTimer = Get("System.Threading.Timer");
        TimersTimer = Get("System.Timers.Timer");
        Task = Get("System.Threading.Tasks.Task");
        TaskOfT = Get("System.Threading.Tasks.Task`1");
        ValueTask = Get("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Get("System.Threading.Tasks.ValueTask`1");
        TaskFactory = Get("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = Get("System.Threading.Tasks.TaskFactory`1");
        Parallel = Get("System.Threading.Tasks.Parallel");
        TaskAwaiter = Get("System.Runtime.CompilerServices.TaskAwaiter");
        TaskAwaiterOfT = Get("System.Runtime.CompilerServices.TaskAwaiter`1");
        ValueTaskAwaiter = Get("System.Runtime.CompilerServices.ValueTaskAwaiter");
        ValueTaskAwaiterOfT = Get("System.Runtime.CompilerServices.ValueTaskAwaiter`1");
        ConfiguredTaskAwaiter = Get("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");
        ConfiguredTaskAwaiterOfT = Get("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter");
        DateTime = Get("System.DateTime");
        DateTimeOffset = Get("System.DateTimeOffset");
        Random = Get("System.Random");
        Stopwatch = Get("System.Diagnostics.Stopwatch");
        Environment = Get("System.Environment");
        Guid = Get("System.Guid");
        TimeProvider = Get("System.TimeProvider");
        HashCode = Get("System.HashCode");
        StringComparer = Get("System.StringComparer");
        WaitHandle = Get("System.Threading.WaitHandle");
        SemaphoreSlim = Get("System.Threading.SemaphoreSlim");
        ManualResetEventSlim = Get("System.Threading.ManualResetEventSlim");
        CountdownEvent = Get("System.Threading.CountdownEvent");
        Barrier = Get("System.Threading.Barrier");
        BlockingCollection = Get("System.Collections.Concurrent.BlockingCollection`1");
        ReaderWriterLockSlim = Get("System.Threading.ReaderWriterLockSlim");
        SpinLock = Get("System.Threading.SpinLock");
        Mutex = Get("System.Threading.Mutex");
        File = Get("System.IO.File");
        Directory = Get("System.IO.Directory");
        Stream = Get("System.IO.Stream");
        MemoryStream = Get("System.IO.MemoryStream");
        TextReader = Get("System.IO.TextReader");
        TextWriter = Get("System.IO.TextWriter");
        StringReader = Get("System.IO.StringReader");
        StringWriter = Get("System.IO.StringWriter");
        Socket = Get("System.Net.Sockets.Socket");
        TcpClient = Get("System.Net.Sockets.TcpClient");
        TcpListener = Get("System.Net.Sockets.TcpListener");
        UdpClient = Get("System.Net.Sockets.UdpClient");
        HttpClient = Get("System.Net.Http.HttpClient");
        Dns = Get("System.Net.Dns");
        EventArgs = Get("System.EventArgs");
        IDisposable = Get("System.IDisposable");
        IAsyncDisposable = Get("System.IAsyncDisposable");
        SortedDictionary = Get("System.Collections.Generic.SortedDictionary`2");
        SortedList = Get("System.Collections.Generic.SortedList`2");
        SortedSet = Get("System.Collections.Generic.SortedSet`1");
        List = Get("System.Collections.Generic.List`1");
        Array = Get("System.Array");
        Node = Get("DistSys.Runtime.INode");
        _threadHelpers = new System.Lazy<ThreadHelpers>(() => ThreadHelpers.Find(compilation, this, System.Threading.CancellationToken.None));
    }

    private readonly System.Lazy<ThreadHelpers> _threadHelpers;

    /// <summary>The compilation's own methods that run a delegate parameter on other threads, found on first use.</summary>
    public ThreadHelpers ThreadHelpers => _threadHelpers.Value;

    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? Interlocked { get; }
    public INamedTypeSymbol? Volatile { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? ThreadingTimer { get; }
    public INamedTypeSymbol? TimersTimer { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? Parallel { get; }
    public INamedTypeSymbol? TaskAwaiter { get; }
    public INamedTypeSymbol? TaskAwaiterOfT { get; }
    public INamedTypeSymbol? ValueTaskAwaiter { get; }
    public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaiter { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaiterOfT { get; }
    public INamedTypeSymbol? DateTime { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? Random { get; }
    public INamedTypeSymbol? Stopwatch { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? TimeProvider { get; }
    public INamedTypeSymbol? HashCode { get; }
    public INamedTypeSymbol? StringComparer { get; }
    public INamedTypeSymbol? WaitHandle { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? ManualResetEventSlim { get; }
    public INamedTypeSymbol? CountdownEvent { get; }
    public INamedTypeSymbol? Barrier { get; }
    public INamedTypeSymbol? BlockingCollection { get; }
    public INamedTypeSymbol? ReaderWriterLockSlim { get; }
    public INamedTypeSymbol? SpinLock { get; }
    public INamedTypeSymbol? Mutex { get; }
    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? Directory { get; }
    public INamedTypeSymbol? Stream { get; }
    public INamedTypeSymbol? MemoryStream { get; }
    public INamedTypeSymbol? TextReader { get; }
    public INamedTypeSymbol? TextWriter { get; }
    public INamedTypeSymbol? StringReader { get; }
    public INamedTypeSymbol? StringWriter { get; }
    public INamedTypeSymbol? Socket { get; }
    public INamedTypeSymbol? TcpClient { get; }
    public INamedTypeSymbol? TcpListener { get; }
    public INamedTypeSymbol? UdpClient { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? Dns { get; }
    public INamedTypeSymbol? EventArgs { get; }
    public INamedTypeSymbol? IDisposable { get; }
    public INamedTypeSymbol? IAsyncDisposable { get; }
    public INamedTypeSymbol? SortedDictionary { get; }
    public INamedTypeSymbol? SortedList { get; }
    public INamedTypeSymbol? SortedSet { get; }
    public INamedTypeSymbol? List { get; }
    public INamedTypeSymbol? Array { get; }
    public INamedTypeSymbol? Node { get; }

    public static KnownTypes From(Compilation compilation) => new(compilation);

    /// <summary>Enter..Exit regions per member body, computed once per compilation and analyzer rather than once per
    /// field access.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<SyntaxNode, System.Collections.Generic.List<MonitorRegion>> RegionCache { get; } = new();

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, expected))
            {
                return true;
            }
        }
        return false;
    }

    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? contract)
    {
        if (type is null || contract is null)
        {
            return false;
        }
        if (Is(type, contract))
        {
            return true;
        }
        foreach (var implemented in type.AllInterfaces)
        {
            if (Is(implemented, contract))
            {
                return true;
            }
        }
        return false;
    }

    public bool IsTaskLike(ITypeSymbol? type) =>
        IsOrDerivesFrom(type, Task) || Is(type, ValueTask) || Is(type, ValueTaskOfT);

    public bool IsAwaiter(ITypeSymbol? type) =>
        Is(type, TaskAwaiter) || Is(type, TaskAwaiterOfT) || Is(type, ValueTaskAwaiter) || Is(type, ValueTaskAwaiterOfT)
        || Is(type, ConfiguredTaskAwaiter) || Is(type, ConfiguredTaskAwaiterOfT);

    /// <summary>DateTime.Now/UtcNow or DateTimeOffset.Now/UtcNow: a reading of the machine's wall clock.</summary>
    public bool IsWallClockRead(IOperation? operation) =>
        operation is IPropertyReferenceOperation { Instance: null } property
        && (property.Property.Name is "Now" or "UtcNow")
        && (Is(property.Property.ContainingType, DateTime) || Is(property.Property.ContainingType, DateTimeOffset));

    /// <summary>new Random() without a seed, or Random.Shared.</summary>
    public bool IsUnseededRandom(IOperation operation) => operation switch
    {
        IObjectCreationOperation creation => Is(creation.Type, Random) && creation.Arguments.Length == 0,
        IPropertyReferenceOperation property => property.Property.IsStatic && property.Property.Name == "Shared"
            && Is(property.Property.ContainingType, Random),
        _ => false,
    };
}
