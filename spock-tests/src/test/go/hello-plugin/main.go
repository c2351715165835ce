// A scafctl provider plugin built on hashicorp/go-plugin, the way plugins for the Go scafctl are
// built. The host tests load it to prove interop; its inputs also let them make it misbehave.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "scafctl.test/pluginpb"
)

// The tests rename the provider to provoke name clashes.
var providerName = nameFromEnv()

func nameFromEnv() string {
	if n := os.Getenv("GO_HELLO_PROVIDER_NAME"); n != "" {
		return n
	}
	return "go-hello"
}

// The original stderr: go-plugin swaps os.Stderr for a pipe once it serves.
var logger = hclog.New(&hclog.LoggerOptions{Name: "go-hello", Output: os.Stderr, JSONFormat: true, Level: hclog.Info})

type providerServer struct {
	pb.UnimplementedPluginServiceServer
	configured int32
}

func (s *providerServer) GetProviders(ctx context.Context, _ *pb.GetProvidersRequest) (*pb.GetProvidersResponse, error) {
	return &pb.GetProvidersResponse{ProviderNames: []string{providerName}}, nil
}

func (s *providerServer) GetProviderDescriptor(ctx context.Context, req *pb.GetProviderDescriptorRequest) (*pb.GetProviderDescriptorResponse, error) {
	if req.ProviderName != providerName {
		return nil, fmt.Errorf("unknown provider %q", req.ProviderName)
	}
	param := func(t, d string, required bool) *pb.Parameter {
		return &pb.Parameter{Type: t, Description: d, Required: required}
	}
	return &pb.GetProviderDescriptorResponse{ProviderDescriptor: &pb.ProviderDescriptor{
		Name:         providerName,
		DisplayName:  "Go hello",
		Description:  "Greets; written in Go on go-plugin",
		Version:      "1.0.0",
		Capabilities: []string{"from"},
		Schema: &pb.Schema{Parameters: map[string]*pb.Parameter{
			"name":     param("string", "who to greet", true),
			"fail":     param("string", "fail with this message", false),
			"crash":    param("int", "exit the process with this code mid-call", false),
			"sleep_ms": param("int", "wait this long before answering", false),
			"token":    param("string", "a credential; careless on purpose: logged, echoed and put into errors", false),
		}},
		SensitiveFields: []string{"token"},
	}}, nil
}

func (s *providerServer) ConfigureProvider(ctx context.Context, req *pb.ConfigureProviderRequest) (*pb.ConfigureProviderResponse, error) {
	atomic.StoreInt32(&s.configured, req.ProtocolVersion)
	return &pb.ConfigureProviderResponse{ProtocolVersion: 2}, nil
}

// Inputs arrive as JSON; from the command line (-i crash=3) numbers come as strings.
type inputs struct {
	Name    string      `json:"name"`
	Fail    string      `json:"fail"`
	Crash   json.Number `json:"crash"`
	SleepMs json.Number `json:"sleep_ms"`
	Token   string      `json:"token"`
	// After the first stdout chunk, wait (up to 10 s) for the host to create this file: it can
	// only do so if it received the chunk while the call was still running.
	WaitForFile string `json:"wait_for_file"`
}

func number(n json.Number) int {
	i, _ := strconv.Atoi(strings.Trim(string(n), `"`))
	return i
}

func (s *providerServer) run(req *pb.ExecuteProviderRequest, streamed bool, extra map[string]interface{}) *pb.ExecuteProviderResponse {
	var in inputs
	if err := json.Unmarshal(req.Input, &in); err != nil {
		return &pb.ExecuteProviderResponse{Error: "inputs are not JSON: " + err.Error()}
	}
	logger.Info("running", "name", in.Name)
	if in.Token != "" {
		// a plugin that leaks its secret everywhere, so the host's redaction is what is tested
		logger.Info("authenticating", "token", in.Token)
	}
	if ms := number(in.SleepMs); ms > 0 {
		time.Sleep(time.Duration(ms) * time.Millisecond)
	}
	if code := number(in.Crash); code != 0 {
		logger.Error("crashing on purpose", "code", code)
		os.Exit(code)
	}
	if in.Fail != "" {
		return &pb.ExecuteProviderResponse{Error: in.Fail, ExitCode: 1}
	}
	value := map[string]interface{}{
		"greeting":   "hello, " + in.Name,
		"configured": atomic.LoadInt32(&s.configured),
		"streamed":   streamed,
	}
	for k, v := range extra {
		value[k] = v
	}
	warnings := []string{"greeted from Go"}
	if in.Token != "" {
		warnings = append(warnings, "token "+in.Token+" expires soon")
	}
	out, _ := json.Marshal(map[string]interface{}{
		"data": value,
		"warnings": warnings,
	})
	return &pb.ExecuteProviderResponse{Output: out}
}

func (s *providerServer) ExecuteProvider(ctx context.Context, req *pb.ExecuteProviderRequest) (*pb.ExecuteProviderResponse, error) {
	return s.run(req, false, nil), nil
}

func (s *providerServer) ExecuteProviderStream(req *pb.ExecuteProviderRequest, stream pb.PluginService_ExecuteProviderStreamServer) error {
	if os.Getenv("GO_HELLO_NO_STREAM") != "" {
		// as a plugin from before streaming existed answers
		return status.Error(codes.Unimplemented, "method ExecuteProviderStream not implemented")
	}
	if err := stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Stdout{Stdout: []byte("hello from go\n")}}); err != nil {
		return err
	}
	var extra map[string]interface{}
	var in inputs
	if json.Unmarshal(req.Input, &in) == nil && in.WaitForFile != "" {
		extra = map[string]interface{}{"saw_file": waitForFile(in.WaitForFile)}
	}
	if in.Token != "" {
		if err := stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Stdout{Stdout: []byte("using token " + in.Token + "\n")}}); err != nil {
			return err
		}
	}
	if err := stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Stderr{Stderr: []byte("go stderr chunk\n")}}); err != nil {
		return err
	}
	return stream.Send(&pb.ExecuteProviderStreamChunk{Chunk: &pb.ExecuteProviderStreamChunk_Result{Result: s.run(req, true, extra)}})
}

func waitForFile(path string) bool {
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(path); err == nil {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func (s *providerServer) DescribeWhatIf(ctx context.Context, req *pb.DescribeWhatIfRequest) (*pb.DescribeWhatIfResponse, error) {
	var in inputs
	_ = json.Unmarshal(req.Input, &in)
	description := "would greet " + in.Name
	if in.Token != "" {
		description += " using token " + in.Token
	}
	return &pb.DescribeWhatIfResponse{Description: description}, nil
}

func (s *providerServer) StopProvider(ctx context.Context, req *pb.StopProviderRequest) (*pb.StopProviderResponse, error) {
	logger.Info("stop requested", "provider", req.ProviderName)
	return &pb.StopProviderResponse{}, nil
}

type providerPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (p *providerPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterPluginServiceServer(s, &providerServer{})
	return nil
}

func (p *providerPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return pb.NewPluginServiceClient(c), nil
}

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  1,
			MagicCookieKey:   "SCAFCTL_PLUGIN",
			MagicCookieValue: "scafctl_provider_plugin",
		},
		Plugins:    map[string]plugin.Plugin{"provider": &providerPlugin{}},
		GRPCServer: plugin.DefaultGRPCServer,
		Logger:     logger,
	})
}
