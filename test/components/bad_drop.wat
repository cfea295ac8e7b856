(component
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type (sub resource)))
  ))
  (alias export $streams "output-stream" (type $os))
  (core func $drop (canon resource.drop $os))
  (core module $m
    (import "host" "drop" (func $drop (param i32)))
    (func (export "run") (result i32) (call $drop (i32.const 42)) (i32.const 0))
  )
  (core instance $i (instantiate $m (with "host" (instance (export "drop" (func $drop))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $runinst (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $runinst))
)
