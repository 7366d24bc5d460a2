;;; kube-expose.el --- Kube Expose's language server for YAML buffers, through eglot (built into Emacs 29)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((yaml-mode yaml-ts-mode) . ("kube-expose-language-server" "--stdio"))))
(add-hook 'yaml-mode-hook #'eglot-ensure)
(add-hook 'yaml-ts-mode-hook #'eglot-ensure)
