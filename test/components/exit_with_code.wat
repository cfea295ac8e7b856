(component
  (import "wasi:cli/exit@0.2.3" (instance $exit
    (export "exit-with-code" (func (param "status-code" u8)))
  ))
  (alias export $exit "exit-with-code" (func $ewc))
  (core func $ewcc (canon lower (func $ewc)))
  (core module $m
    (import "host" "exit-with-code" (func $ewc (param i32)))
    (func (export "run") (result i32) (call $ewc (i32.const 42)) (i32.const 0))
  )
  (core instance $i (instantiate $m (with "host" (instance (export "exit-with-code" (func $ewcc))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $runinst (export "run" (func $run)))
  (export "wasi:cli/run@0.2.3" (instance $runinst))
)
