// A wasi:http/incoming-handler written against the canonical ABI by hand (no SDK can send
// trailers: ComponentizeJS's Response has none). It answers 200, content-type text/plain, with the
// body "the body, then trailers\n", and finishes the body with a trailer x-checksum: 1234. No Web
// Response can carry trailers, so every host must give the same bytes: the body whole, the
// trailer dropped (and logged). Served by the shared wasi:http scenarios (profile "trailers").
#define P2_HANDLER
#include "p2.h"

#define HT "wasi:http/types@0.2.12"
IMPORT(HT, "[constructor]fields") int32_t h_fields_new(void);
// ret: result<_, header-error> {tag@0, header-error@1}
IMPORT(HT, "[method]fields.append") void h_fields_append(int32_t f, const char *n, size_t nl, const void *v, size_t vl, void *ret);
IMPORT(HT, "[resource-drop]incoming-request") void h_request_drop(int32_t r);
IMPORT(HT, "[constructor]outgoing-response") int32_t h_response_new(int32_t headers);
// result<_, _>: 0 ok, 1 err
IMPORT(HT, "[method]outgoing-response.set-status-code") int32_t h_set_status(int32_t r, int32_t status);
// ret: result<outgoing-body> {tag@0, handle@4}
IMPORT(HT, "[method]outgoing-response.body") void h_response_body(int32_t r, void *ret);
// ret: result<output-stream> {tag@0, handle@4}
IMPORT(HT, "[method]outgoing-body.write") void h_body_write(int32_t b, void *ret);
// ret: result<_, error-code> {tag@0, error-code tag@8}
IMPORT(HT, "[static]outgoing-body.finish") void h_body_finish(int32_t b, int32_t some, int32_t trailers, void *ret);
// set(param, result<outgoing-response, error-code>), flattened: the result's discriminant, then
// the join of own<outgoing-response> (i32) and error-code's 7 flat values (i32, i32, i64, i32 x 4).
IMPORT(HT, "[static]response-outparam.set")
void h_outparam_set(int32_t param, int32_t is_err, int32_t a, int32_t b, int64_t c, int32_t d, int32_t e, int32_t f, int32_t g);

static const char BODY[] = "the body, then trailers\n";

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(int32_t request, int32_t outparam) {
  _Alignas(8) unsigned char ret[32];
  h_request_drop(request);
  int32_t headers = h_fields_new();
  h_fields_append(headers, "content-type", 12, "text/plain", 10, ret);
  int32_t response = h_response_new(headers);
  if (h_set_status(response, 200) != 0) __builtin_trap();
  h_response_body(response, ret);
  if (ret[0] != 0) __builtin_trap();
  int32_t body = *(int32_t *)(ret + 4);
  h_body_write(body, ret);
  if (ret[0] != 0) __builtin_trap();
  int32_t stream = *(int32_t *)(ret + 4);
  h_outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);
  p2_blocking_write_and_flush(stream, BODY, sizeof BODY - 1, ret);
  if (ret[0] != 0) __builtin_trap();
  p2_drop_output(stream);
  int32_t trailers = h_fields_new();
  h_fields_append(trailers, "x-checksum", 10, "1234", 4, ret);
  h_body_finish(body, 1, trailers, ret);
  if (ret[0] != 0) __builtin_trap();
}
