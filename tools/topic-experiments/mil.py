# A paragraph-level model (multiple-instance learning): a logistic regression over what each
# paragraph says on its own (which groups and rules it has), trained on the paragraphs of the
# training articles with their article's label, each article's paragraphs sharing its weight. Its
# view of an article (the best paragraph, how many paragraphs are on the topic) joins the project's
# features: the scope notes' "main subject or a paragraph or more", learnt instead of the rules'
# fixed conjunctions. The training articles' paragraph view is cross-fitted (four grouped folds)
# so that the article model does not trust an in-sample view.
#   HARD_COST=2 tools/topic-experiments/run.sh mil.py CUT C   (CUT: a paragraph on the topic above it; C of the paragraph model)
import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
import sys
CUT=float(sys.argv[1]); CP=float(sys.argv[2]); USE=os.environ.get('MIL','on')
def loadp(t):
    rows=open(D+t+'.paragraphs.tsv').read().split('\n')
    names=rows[0].split('\t')[1:]
    M=np.array([[float(v) for v in r.split('\t')] for r in rows[1:] if r])
    keep=[k for k,n in enumerate(names) if n.endswith('#paragraphs')]
    return M[:,0].astype(int),(M[:,1:][:,keep]>0).astype(float)
P={t:loadp(t) for t in TOP}
def view(t,fit_idx,score_idx):
    # the paragraph model fitted on fit_idx's paragraphs, its view of score_idx's articles
    art,F=P[t]; y=Y[t]
    inf=np.isin(art,fit_idx)
    n=np.bincount(art,minlength=N).astype(float)
    w=W[art[inf]]/np.maximum(n[art[inf]],1)
    m=LogisticRegression(C=CP,class_weight='balanced',max_iter=3000).fit(F[inf],y[art[inf]],sample_weight=w)
    out=np.zeros((N,3))
    ins=np.isin(art,score_idx)
    p=m.predict_proba(F[ins])[:,1]; a=art[ins]
    best=np.zeros(N); cnt=np.zeros(N)
    np.maximum.at(best,a,p); np.add.at(cnt,a,(p>CUT).astype(float))
    out[:,0]=best; out[:,1]=np.minimum(cnt,5)/5; out[:,2]=np.minimum(1,cnt/np.maximum(n,1))
    return out[score_idx]
def milfeats(t,train,test):
    X=np.zeros((N,3))
    fi=innerfolds(train,4,99)
    for f in range(4):
        X[train[fi==f]]=view(t,train[fi!=f],train[fi==f])
    X[test]=view(t,train,test)
    return X
make=lambda c: LogisticRegression(C=c,class_weight='balanced',max_iter=2000)
feats=lambda t: data[t][3]
fold=None if USE=='off' else (lambda t,train,test: np.hstack([data[t][3],milfeats(t,train,test)]))
print(USE,CUT,CP,evaluate(make,[.3,1,3,10],feats,verbose=True,fold_feats=fold),flush=True)
